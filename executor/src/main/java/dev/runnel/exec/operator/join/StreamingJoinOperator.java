package dev.runnel.exec.operator.join;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.CompiledFilter;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.WatermarkCombiner;
import dev.runnel.exec.operator.aggregate.GroupByHash;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.translate.Exprs;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A regular (unbounded) equi-join in a continuous plan, with Flink's streaming join semantics:
 * both inputs are kept ({@link JoinSide}: every live row by join key, with how many rows of the
 * other side it matches), each row that arrives probes the other side's rows of its key, checks
 * the residual condition on each pair, and emits the joined rows; a retraction (-U/-D; inputs may
 * be changelogs) retracts what its row produced. For outer joins a row without matches is emitted
 * NULL-padded, retracted (-D) when its first match arrives and emitted again (+I) when its last
 * match goes. Output is a changelog, except for an INNER join of two append-only inputs; an INNER
 * join keeps its input row's change kind (+U in, +U out), an outer join emits +I and -D. A row with
 * a NULL key matches nothing; a retraction of a row that is not there (dropped by the TTL) is
 * ignored. With a state TTL, rows not written for that long (processing time) are dropped without
 * output, so later rows may miss matches (Flink's {@code table.exec.state.ttl}).
 *
 * <p>Each batch: its rows are stored or looked up in arrival order, the pairs with the other side
 * are formed and filtered by the residual a batch at a time, then the changes go out in order.
 *
 * <p>State ({@link #snapshot}): a layout version (byte), the watermarks ({@link WatermarkCombiner}),
 * the key ids ({@link GroupByHash#snapshot}), the left then the right {@link JoinSide}, the next
 * TTL sweep time (long). State bytes are reported after each batch. Single-threaded.
 */
public final class StreamingJoinOperator implements Operator {
    private static final int STATE_VERSION = 1;
    private final JoinKind kind;
    private final int[][] keyColumns;
    private final Optional<Expr> condition;
    private final RowSchema[] inputs;
    private final boolean[] changelogIn;
    private final RowSchema joined;
    private final RowSchema outSchema;
    private final boolean changelogOut;
    private final long ttlMillis;
    private final ExprCompiler compiler;

    private OperatorContext context;
    private Output out;
    private WatermarkCombiner watermarks;
    private GroupByHash keys;
    private JoinSide[] sides;
    private CompiledFilter residual;
    /** The columns of a joined row the residual reads: only these are written for it. */
    private int[] residualColumns;
    private long nextSweep = Long.MIN_VALUE;

    private int[] ids = new int[0];
    private int[] identity = new int[0];
    private int[] stored = new int[0];
    private int[] opOf = new int[0];
    private int[] addRows = new int[0];
    private boolean[] probes = new boolean[0];
    private int[] pairRow = new int[Vectors.MAX_BATCH_ROWS];
    private int[] pairOther = new int[Vectors.MAX_BATCH_ROWS];
    private boolean[] pairPass = new boolean[Vectors.MAX_BATCH_ROWS];
    private final int[] selection = new int[Vectors.MAX_BATCH_ROWS];
    private final int[] scratchL = new int[Vectors.MAX_BATCH_ROWS];
    private final int[] scratchR = new int[Vectors.MAX_BATCH_ROWS];
    private final int[] outL = new int[Vectors.MAX_BATCH_ROWS];
    private final int[] outR = new int[Vectors.MAX_BATCH_ROWS];
    private final int[] outOp = new int[Vectors.MAX_BATCH_ROWS];
    private int outN;

    /**
     * @param changelogLeft whether the left input's batches carry a change kind, likewise {@code changelogRight}
     * @param ttlMillis state TTL in milliseconds, 0 for none
     */
    public StreamingJoinOperator(JoinKind kind, List<Integer> leftKeys, List<Integer> rightKeys,
            Optional<Expr> condition, RowSchema left, RowSchema right, boolean changelogLeft, boolean changelogRight,
            long ttlMillis, ExprCompiler compiler) {
        if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
            throw new IllegalArgumentException("a regular join in a continuous plan is INNER, LEFT, RIGHT or FULL");
        }
        this.kind = kind;
        this.keyColumns = new int[][] {leftKeys.stream().mapToInt(Integer::intValue).toArray(),
                rightKeys.stream().mapToInt(Integer::intValue).toArray()};
        this.condition = condition;
        this.inputs = new RowSchema[] {left, right};
        this.changelogIn = new boolean[] {changelogLeft, changelogRight};
        List<Column> both = new ArrayList<>(left.columns());
        both.addAll(right.columns());
        this.joined = new RowSchema(both);
        this.changelogOut = outputIsChangelog(kind, changelogLeft, changelogRight);
        this.outSchema = changelogOut ? Changelog.withOp(joined) : joined;
        this.ttlMillis = ttlMillis;
        this.compiler = compiler;
    }

    /** Whether the join's output is a changelog: unless an INNER join of two append-only inputs. */
    public static boolean outputIsChangelog(JoinKind kind, boolean changelogLeft, boolean changelogRight) {
        return kind != JoinKind.INNER || changelogLeft || changelogRight;
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.context = context;
        this.out = output;
        this.watermarks = new WatermarkCombiner(2);
        this.keys = new GroupByHash(Arrays.stream(keyColumns[0]).mapToObj(k -> inputs[0].get(k).type()).toList(),
                false);
        this.sides = new JoinSide[] {new JoinSide(inputs[0].columns().stream().map(Column::type).toList()),
                new JoinSide(inputs[1].columns().stream().map(Column::type).toList())};
        this.residual = condition.map(c -> compiler.filter(c, joined, context)).orElse(null);
        TreeSet<Integer> read = new TreeSet<>();
        condition.ifPresent(c -> Exprs.forEachInputRef(c, r -> read.add(r.index())));
        this.residualColumns = read.stream().mapToInt(Integer::intValue).toArray();
    }

    private boolean outer(int input) {
        return kind == JoinKind.FULL || kind == (input == 0 ? JoinKind.LEFT : JoinKind.RIGHT);
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        if (n == 0) {
            return;
        }
        context.metrics().addRowsIn(n);
        grow(n);
        long now = context.clock().millis();
        if (ttlMillis > 0 && now >= nextSweep) {
            sides[0].expire(now - ttlMillis);
            sides[1].expire(now - ttlMillis);
            nextSweep = now + Math.max(1, ttlMillis / 4);
        }
        JoinSide own = sides[input];
        FieldVector[] keyVectors = new FieldVector[keyColumns[input].length];
        for (int k = 0; k < keyVectors.length; k++) {
            keyVectors[k] = batch.getVector(keyColumns[input][k]);
        }
        keys.assign(keyVectors, null, identity, n, ids);
        ArrowBuf ops = changelogIn[input] ? Changelog.ops(batch, inputs[input].size()).getDataBuffer() : null;
        int adds = 0;
        for (int i = 0; i < n; i++) {
            opOf[i] = ops == null ? Changelog.INSERT : ops.getInt((long) i << 2);
            probes[i] = !JoinKeys.anyNull(keyVectors, i);
            if (!Changelog.retracts(opOf[i])) {
                addRows[adds++] = i;
            }
        }
        int next = own.append(batch, addRows, adds);
        for (int i = 0; i < n; i++) { // in arrival order, so a retraction finds a row added before it
            if (!Changelog.retracts(opOf[i])) {
                stored[i] = next++;
                own.link(stored[i], ids[i], now);
            } else {
                stored[i] = own.find(ids[i], batch, i);
                if (stored[i] >= 0) {
                    own.unlink(stored[i]);
                }
            }
        }
        int pairs = formPairs(input, n);
        apply(input, n, pairs, now);
        flush();
        if (own.wantsCompaction()) {
            own.compact();
        }
        context.metrics().stateBytes(sides[0].retainedBytes() + sides[1].retainedBytes() + keys.retainedBytes());
    }

    private void grow(int n) {
        if (ids.length < n) {
            int cap = Math.max(n, Vectors.MAX_BATCH_ROWS);
            ids = new int[cap];
            stored = new int[cap];
            opOf = new int[cap];
            addRows = new int[cap];
            probes = new boolean[cap];
            identity = new int[cap];
            for (int i = 0; i < cap; i++) {
                identity[i] = i;
            }
        }
    }

    /** Lists every pair of an input row with a live row of the other side of its key; marks those the residual passes. */
    private int formPairs(int input, int n) {
        JoinSide other = sides[1 - input];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (stored[i] < 0 || !probes[i]) {
                continue;
            }
            int m = other.listSize(ids[i]);
            if (m == 0) {
                continue;
            }
            int[] list = other.list(ids[i]);
            if (pairRow.length < count + m) {
                int cap = Math.max(count + m, pairRow.length * 2);
                pairRow = Arrays.copyOf(pairRow, cap);
                pairOther = Arrays.copyOf(pairOther, cap);
                pairPass = Arrays.copyOf(pairPass, cap);
            }
            for (int j = 0; j < m; j++) {
                pairRow[count] = i;
                pairOther[count++] = list[j];
            }
        }
        if (residual == null) {
            Arrays.fill(pairPass, 0, count, true);
        } else {
            for (int from = 0; from < count; from += Vectors.MAX_BATCH_ROWS) {
                filterPairs(input, from, Math.min(count - from, Vectors.MAX_BATCH_ROWS));
            }
        }
        return count;
    }

    private void filterPairs(int input, int from, int m) {
        context.checkCancelled();
        for (int k = 0; k < m; k++) {
            int own = stored[pairRow[from + k]];
            int other = pairOther[from + k];
            scratchL[k] = input == 0 ? own : other;
            scratchR[k] = input == 0 ? other : own;
            pairPass[from + k] = false;
        }
        try (VectorSchemaRoot batch = Vectors.newRoot(joined, context.allocator())) {
            Vectors.allocate(batch, m);
            int leftWidth = inputs[0].size();
            for (int c : residualColumns) {
                if (c < leftWidth) {
                    sides[0].rows().column(c).write(scratchL, 0, m, batch.getVector(c));
                } else {
                    sides[1].rows().column(c - leftWidth).write(scratchR, 0, m, batch.getVector(c));
                }
            }
            batch.setRowCount(m);
            int kept = residual.filter(batch, m, selection);
            for (int k = 0; k < kept; k++) {
                pairPass[from + selection[k]] = true;
            }
        }
    }

    /** Emits the changes of rows {@code 0..n)} in order and updates the match counts. */
    private void apply(int input, int n, int pairs, long now) {
        JoinSide own = sides[input];
        JoinSide other = sides[1 - input];
        boolean ownOuter = outer(input);
        boolean otherOuter = outer(1 - input);
        int p = 0;
        for (int i = 0; i < n; i++) {
            int s = stored[i];
            if (s < 0) {
                continue; // a retraction of a row that is not there
            }
            boolean add = !Changelog.retracts(opOf[i]);
            int joinedOp = kind == JoinKind.INNER ? opOf[i] : add ? Changelog.INSERT : Changelog.DELETE;
            int matched = 0;
            for (; p < pairs && pairRow[p] == i; p++) {
                if (!pairPass[p]) {
                    continue;
                }
                int o = pairOther[p];
                matched++;
                int m = other.matches(o);
                if (add) {
                    if (otherOuter && m == 0) {
                        emit(1 - input, o, -1, Changelog.DELETE);
                    }
                    other.setMatches(o, m + 1, now);
                    emit(input, s, o, joinedOp);
                } else {
                    emit(input, s, o, joinedOp);
                    other.setMatches(o, m - 1, now);
                    if (otherOuter && m == 1) {
                        emit(1 - input, o, -1, Changelog.INSERT);
                    }
                }
            }
            // a retracted row was padded if it had no matches (after a TTL drop, partners may be gone:
            // their joined rows are then not retracted, but no padded row that never went out is)
            if (ownOuter && (add ? matched == 0 : own.matches(s) == 0)) {
                emit(input, s, -1, add ? Changelog.INSERT : Changelog.DELETE);
            }
            if (add) {
                own.setMatches(s, matched, now);
            }
        }
    }

    /** Queues one output row: row {@code row} of side {@code side} with row {@code other} of the other side (-1 pads). */
    private void emit(int side, int row, int other, int op) {
        if (outN == outL.length) {
            flush();
        }
        outL[outN] = side == 0 ? row : other;
        outR[outN] = side == 0 ? other : row;
        outOp[outN++] = op;
    }

    private void flush() {
        int n = outN;
        if (n == 0) {
            return;
        }
        outN = 0;
        try (VectorSchemaRoot batch = Vectors.newRoot(outSchema, context.allocator())) {
            Vectors.allocate(batch, n);
            write(sides[0].rows(), outL, n, batch, 0);
            write(sides[1].rows(), outR, n, batch, inputs[0].size());
            if (changelogOut) {
                IntVector ops = (IntVector) batch.getVector(joined.size());
                for (int i = 0; i < n; i++) {
                    Changelog.setOp(ops, i, outOp[i]);
                }
            }
            batch.setRowCount(n);
            context.metrics().addRowsOut(n);
            out.emit(batch);
        }
    }

    /** Writes rows {@code idx[0..n)} of {@code rows} into the batch's columns from {@code first}; -1 writes NULLs. */
    private static void write(RowBuffer rows, int[] idx, int n, VectorSchemaRoot batch, int first) {
        boolean padded = false;
        for (int i = 0; i < n && !padded; i++) {
            padded = idx[i] < 0;
        }
        if (!padded) {
            rows.write(idx, 0, n, batch, first);
            return;
        }
        for (int c = 0; c < rows.columnCount(); c++) {
            FieldVector v = batch.getVector(first + c);
            for (int i = 0; i < n; i++) {
                if (idx[i] >= 0) {
                    rows.column(c).write(idx[i], v, i);
                } else {
                    v.setNull(i);
                }
            }
        }
    }

    @Override
    public void onWatermark(int input, long watermark) {
        long w = watermarks.onWatermark(input, watermark);
        if (w != WatermarkCombiner.NONE) {
            out.watermark(w);
        }
    }

    @Override
    public void onEndOfInput(int input) {
        long w = watermarks.onEnd(input);
        if (w != WatermarkCombiner.NONE) {
            out.watermark(w);
        }
        if (watermarks.allEnded()) {
            out.finish();
        }
    }

    @Override
    public boolean needsMoreInput() {
        return out.needsMoreInput();
    }

    /** Rows kept per side (live), for tests and metrics. */
    public long liveRows(int input) {
        return sides[input].live();
    }

    @Override
    public void snapshot(DataOutputStream o) throws IOException {
        StateIO.writeVersion(o, STATE_VERSION);
        watermarks.snapshot(o);
        keys.snapshot(o);
        sides[0].snapshot(o);
        sides[1].snapshot(o);
        o.writeLong(nextSweep);
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, STATE_VERSION, "a regular join");
        watermarks.restore(in);
        keys.restore(in);
        sides[0].restore(in);
        sides[1].restore(in);
        nextSweep = in.readLong();
    }

    @Override
    public void close() {
        sides = null;
        keys = null;
    }
}
