package dev.runnel.exec.operator.join;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.CompiledFilter;
import dev.runnel.exec.expr.CompiledProjection;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.expr.fn.SqlErrors;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.ProjectingEmitter;
import dev.runnel.exec.operator.WatermarkCombiner;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.IntervalJoinNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An interval join of two unbounded inputs ({@link IntervalJoinNode}): each batch of either side
 * probes the other side's kept rows ({@link IntervalSide}: by key hash, then key equality and the
 * time bounds), the matching pairs (with the residual condition true) are emitted as left columns
 * then right ones, and the batch's rows are kept for the other side's future rows. The combined
 * watermark (the minimum of both inputs', {@link WatermarkCombiner}) expires rows whose interval it
 * has passed: a left row once {@code watermark > time + upper}, a right one once
 * {@code watermark > time - lower}; an outer side's expired rows that never matched are emitted
 * padded with NULLs (so a bounded run's final watermark emits all that remain). A row arriving
 * when the watermark already passed the end of its interval is late for the join: dropped and
 * counted ({@code OperatorMetrics.addLateRowsDropped}); a row without event time or with a NULL
 * key can match nothing (an outer side emits it padded at once). The output watermark is the
 * combined one minus {@link IntervalJoinNode#watermarkDelay}, forwarded after the expiry it caused,
 * so no row emitted later lies behind it. State size is reported as the operator's state bytes.
 *
 * <p>State ({@link #snapshot}): a layout version (byte), the watermarks ({@link WatermarkCombiner}),
 * the row-fate counters, then the left and the right side ({@link IntervalSide#snapshot}).
 * Single-threaded.
 */
public final class IntervalJoinOperator implements Operator {
    private static final int STATE_VERSION = 1;

    private final IntervalJoinNode node;
    private final RowSchema left;
    private final RowSchema right;
    private final RowSchema joined;
    private final ExprCompiler compiler;
    private final boolean leftOuter;
    private final boolean rightOuter;

    private OperatorContext context;
    private Output output;
    private WatermarkCombiner watermarks;
    private final IntervalSide[] sides = new IntervalSide[2];
    private final CompiledProjection[] copies = new CompiledProjection[2];
    private CompiledFilter residual;
    private VectorSchemaRoot pairs;
    private ProjectingEmitter pairEmitter;
    private final int[] pairIn = new int[Vectors.MAX_BATCH_ROWS];
    private final int[] pairKept = new int[Vectors.MAX_BATCH_ROWS];
    private int pairCount;
    private final int[] selection = new int[Vectors.MAX_BATCH_ROWS];
    private final int[] scratch = new int[Vectors.MAX_BATCH_ROWS];
    private int[] hashes = new int[0];
    private long[] times = new long[0];
    private boolean[] matched = new boolean[0];
    private int[] identity = new int[0];
    private int[] keep = new int[0];
    private int[] padRows = new int[0];

    public IntervalJoinOperator(IntervalJoinNode node, ExprCompiler compiler) {
        this.node = node;
        this.left = node.left().schema();
        this.right = node.right().schema();
        List<Column> all = new ArrayList<>(left.columns());
        all.addAll(right.columns());
        this.joined = new RowSchema(all);
        this.compiler = compiler;
        this.leftOuter = node.kind() == JoinKind.LEFT || node.kind() == JoinKind.FULL;
        this.rightOuter = node.kind() == JoinKind.RIGHT || node.kind() == JoinKind.FULL;
        for (int k = 0; k < node.leftKeys().size(); k++) {
            DataType l = left.get(node.leftKeys().get(k)).type();
            DataType r = right.get(node.rightKeys().get(k)).type();
            if (JoinKeys.family(l) != JoinKeys.family(r)) {
                throw SqlErrors.unsupported("join key " + k + " compares " + l.toSql() + " with " + r.toSql());
            }
        }
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.context = context;
        this.output = output;
        this.watermarks = new WatermarkCombiner(2);
        sides[0] = new IntervalSide(left.types(), node.leftKeys());
        sides[1] = new IntervalSide(right.types(), node.rightKeys());
        copies[0] = compiler.projection(ProjectingEmitter.identity(left), left, context);
        copies[1] = compiler.projection(ProjectingEmitter.identity(right), right, context);
        residual = node.condition().map(c -> compiler.filter(c, joined, context)).orElse(null);
        pairs = Vectors.newRoot(joined, context.allocator());
        pairEmitter = ProjectingEmitter.copying(compiler, joined, context);
    }


    /** Rows kept by both sides (live), for tests and metrics. */
    public long stateRows() {
        return (long) sides[0].live() + sides[1].live();
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        context.metrics().addRowsIn(n);
        if (n == 0) {
            return;
        }
        prepare(n);
        int side = input;
        IntervalSide own = sides[side];
        IntervalSide other = sides[1 - side];
        List<Integer> keyColumns = side == 0 ? node.leftKeys() : node.rightKeys();
        FieldVector[] keys = new FieldVector[keyColumns.size()];
        Arrays.fill(hashes, 0, n, 0);
        for (int k = 0; k < keys.length; k++) {
            keys[k] = batch.getVector(keyColumns.get(k));
            own.keyColumn(k).hashInto(keys[k], identity, n, hashes);
        }
        TimeStampVector time = (TimeStampVector) batch.getVector(side == 0 ? node.leftTime() : node.rightTime());
        long wm = watermarks.current();
        // the other side's rows a row at t matches: left t → right [t + lower, t + upper]; right t → left [t - upper, t - lower]
        long fromOffset = side == 0 ? node.lower() : -node.upper();
        long toOffset = side == 0 ? node.upper() : -node.lower();
        boolean outer = side == 0 ? leftOuter : rightOuter;
        int kept = 0;
        int padded = 0;
        long late = 0;
        long noTime = 0;
        for (int r = 0; r < n; r++) {
            matched[r] = false;
            if (time.isNull(r)) {
                noTime++;
                if (outer) {
                    padRows[padded++] = r;
                }
                continue;
            }
            long t = time.get(r);
            if (wm != Long.MIN_VALUE && t + toOffset < wm) { // its whole interval is behind the watermark
                late++;
                continue;
            }
            times[r] = t;
            if (JoinKeys.anyNull(keys, r)) {
                if (outer) {
                    padRows[padded++] = r;
                }
                continue;
            }
            int h = JoinHashTable.spread(hashes[r]);
            hashes[r] = h;
            long from = t + fromOffset;
            long to = t + toOffset;
            for (int o = other.first(h); o >= 0; o = other.next(o)) {
                if (other.matches(o, h, from, to, keys, r)) {
                    pairIn[pairCount] = r;
                    pairKept[pairCount] = o;
                    if (++pairCount == Vectors.MAX_BATCH_ROWS) {
                        flushPairs(side, batch);
                    }
                }
            }
            keep[kept++] = r;
        }
        flushPairs(side, batch);
        if (padded > 0) {
            emitPadded(side, batch, padRows, padded);
        }
        own.add(batch, keep, kept, times, hashes, matched);
        if (late > 0) {
            context.metrics().addLateRowsDropped(late);
        }
        if (noTime > 0) {
            context.metrics().addRowsWithoutTime(noTime);
        }
        context.metrics().stateBytes(sides[0].retainedBytes() + sides[1].retainedBytes());
    }

    private void prepare(int n) {
        if (hashes.length < n) {
            hashes = new int[n];
            times = new long[n];
            matched = new boolean[n];
            keep = new int[n];
            padRows = new int[n];
            identity = new int[n];
            for (int i = 0; i < n; i++) {
                identity[i] = i;
            }
        }
    }

    /** Builds the gathered pairs (incoming row of {@code side}, kept row of the other), filters and emits them. */
    private void flushPairs(int side, VectorSchemaRoot batch) {
        int n = pairCount;
        pairCount = 0;
        if (n == 0) {
            return;
        }
        IntervalSide other = sides[1 - side];
        int leftWidth = left.size();
        if (side == 0) {
            copies[0].project(batch, pairIn, 0, n, vectors(0, leftWidth));
            allocate(leftWidth, right.size(), n);
            other.rows().write(pairKept, 0, n, pairs, leftWidth);
        } else {
            allocate(0, leftWidth, n);
            other.rows().write(pairKept, 0, n, pairs, 0);
            copies[1].project(batch, pairIn, 0, n, vectors(leftWidth, right.size()));
        }
        pairs.setRowCount(n);
        int kept = JoinKeys.keep(residual, pairs, n, selection);
        for (int i = 0; i < kept; i++) {
            int p = selection[i];
            matched[pairIn[p]] = true;
            other.markMatched(pairKept[p]);
        }
        if (kept == 0) {
            return;
        }
        context.metrics().addRowsOut(kept);
        if (kept == n) {
            output.emit(pairs);
        } else {
            pairEmitter.emit(pairs, selection, kept, output);
        }
    }

    private FieldVector[] vectors(int first, int count) {
        FieldVector[] v = new FieldVector[count];
        for (int c = 0; c < count; c++) {
            v[c] = pairs.getVector(first + c);
        }
        return v;
    }

    private void allocate(int first, int count, int rows) {
        for (int c = 0; c < count; c++) {
            Vectors.allocate(pairs.getVector(first + c), rows);
        }
    }

    /** Emits rows {@code rows[0..count)} of an incoming batch of {@code side}, the other side's columns NULL. */
    private void emitPadded(int side, VectorSchemaRoot batch, int[] rows, int count) {
        int leftWidth = left.size();
        if (side == 0) {
            copies[0].project(batch, rows, 0, count, vectors(0, leftWidth));
            allocate(leftWidth, right.size(), count);
        } else {
            allocate(0, leftWidth, count);
            copies[1].project(batch, rows, 0, count, vectors(leftWidth, right.size()));
        }
        pairs.setRowCount(count);
        context.metrics().addRowsOut(count);
        output.emit(pairs);
    }

    /** Emits kept rows {@code rows[0..count)} of {@code side} that never matched, the other side's columns NULL. */
    private void emitExpired(int side, int[] rows, int count) {
        int leftWidth = left.size();
        if (side == 0) {
            allocate(0, leftWidth, count);
            allocate(leftWidth, right.size(), count);
            sides[0].rows().write(rows, 0, count, pairs, 0);
        } else {
            allocate(0, leftWidth, count);
            allocate(leftWidth, right.size(), count);
            sides[1].rows().write(rows, 0, count, pairs, leftWidth);
        }
        pairs.setRowCount(count);
        context.metrics().addRowsOut(count);
        output.emit(pairs);
    }

    @Override
    public void onWatermark(int input, long watermark) {
        advance(watermarks.onWatermark(input, watermark));
    }

    /** Expires what the combined watermark {@code w} passed, then forwards the output watermark. */
    private void advance(long w) {
        if (w == WatermarkCombiner.NONE) {
            return;
        }
        // a left row is expired once w > t + upper, i.e. t <= w - upper - 1 (saturating at the ends)
        sides[0].expire(cutoff(w, node.upper()), leftOuter ? (rows, count) -> emitExpired(0, rows, count) : null,
                scratch);
        sides[1].expire(cutoff(w, -node.lower()), rightOuter ? (rows, count) -> emitExpired(1, rows, count) : null,
                scratch);
        context.metrics().stateBytes(sides[0].retainedBytes() + sides[1].retainedBytes());
        long out = w == Long.MAX_VALUE ? w : w - node.watermarkDelay();
        context.metrics().watermark(out);
        output.watermark(out);
    }

    private static long cutoff(long w, long retention) {
        if (w == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long c = w - retention - 1;
        return retention > 0 && c > w ? Long.MIN_VALUE : c; // underflow near Long.MIN_VALUE: nothing expires
    }

    @Override
    public void onEndOfInput(int input) {
        advance(watermarks.onEnd(input));
        if (watermarks.ended(0) && watermarks.ended(1)) {
            output.finish();
        }
    }

    @Override
    public boolean needsMoreInput() {
        return output.needsMoreInput();
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIO.writeVersion(out, STATE_VERSION);
        watermarks.snapshot(out);
        context.metrics().snapshotRowFates(out);
        sides[0].snapshot(out);
        sides[1].snapshot(out);
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, STATE_VERSION, "an interval join");
        watermarks.restore(in);
        context.metrics().restoreRowFates(in);
        sides[0].restore(in);
        sides[1].restore(in);
        context.metrics().stateBytes(sides[0].retainedBytes() + sides[1].retainedBytes());
    }

    @Override
    public void close() {
        if (pairs != null) {
            pairs.close();
        }
        if (pairEmitter != null) {
            pairEmitter.close();
        }
    }
}
