package dev.runnel.exec.operator.join;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.CompiledFilter;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.expr.fn.SqlErrors;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.ProjectingEmitter;
import dev.runnel.exec.operator.WatermarkCombiner;
import dev.runnel.exec.operator.window.WindowAssigner;
import dev.runnel.exec.rows.ColumnBuffer;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.WindowJoinNode;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A window join ({@link WindowJoinNode}): each input's rows are put into their windows (a
 * {@link RowBuffer} per side per open window, the window known by its end); when the combined
 * watermark (the minimum of both inputs') reaches a window's end − 1 ms the window closes: its
 * right rows are hashed by key, its left rows probe them (in chunks written back to vectors), the
 * pairs whose residual is true are emitted with both sides' window columns, then an outer side's
 * rows that found no partner padded with NULLs, and the window's rows are freed. A row whose
 * windows have all closed is late: dropped and counted ({@code OperatorMetrics.addLateRowsDropped});
 * a row without event time is counted and dropped. The watermark is forwarded after the windows it
 * closed were emitted. State bytes are reported. Over window results ({@link WindowJoinNode#attached})
 * a row's window is the one ending at its {@code window_end}.
 *
 * <p>State ({@link #snapshot}): a layout version (byte), the watermarks ({@link WatermarkCombiner}),
 * the row-fate counters, the open window count (int), then per window its end (long) and each
 * side's rows ({@link RowBuffer#snapshot}). Single-threaded.
 */
public final class WindowJoinOperator implements Operator {
    private static final int STATE_VERSION = 1;

    private final WindowJoinNode node;
    private final RowSchema left;
    private final RowSchema right;
    private final WindowAssigner assigner;
    private final ExprCompiler compiler;
    private final boolean leftOuter;
    private final boolean rightOuter;
    private final int[][] keys;

    private OperatorContext context;
    private Output output;
    private WatermarkCombiner watermarks;
    private CompiledFilter residual;
    private VectorSchemaRoot pairs;
    private VectorSchemaRoot probe;
    private ProjectingEmitter pairEmitter;
    /** Open windows by end: the rows of each side (null until a row of that side comes). */
    private final TreeMap<Long, RowBuffer[]> windows = new TreeMap<>();
    private final int[] pairLeft = new int[Vectors.MAX_BATCH_ROWS];
    private final int[] pairRight = new int[Vectors.MAX_BATCH_ROWS];
    private final int[] selection = new int[Vectors.MAX_BATCH_ROWS];
    private int pairCount;
    private long stateBytes;

    public WindowJoinOperator(WindowJoinNode node, ExprCompiler compiler) {
        this.node = node;
        this.left = node.left().schema();
        this.right = node.right().schema();
        this.assigner = new WindowAssigner(node.window());
        this.compiler = compiler;
        this.leftOuter = node.kind() == JoinKind.LEFT || node.kind() == JoinKind.FULL;
        this.rightOuter = node.kind() == JoinKind.RIGHT || node.kind() == JoinKind.FULL;
        this.keys = new int[][] {ints(node.leftKeys()), ints(node.rightKeys())};
        for (int k = 0; k < node.leftKeys().size(); k++) {
            DataType l = left.get(node.leftKeys().get(k)).type();
            DataType r = right.get(node.rightKeys().get(k)).type();
            if (JoinKeys.family(l) != JoinKeys.family(r)) {
                throw SqlErrors.unsupported("join key " + k + " compares " + l.toSql() + " with " + r.toSql());
            }
        }
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.context = context;
        this.output = output;
        this.watermarks = new WatermarkCombiner(2);
        this.residual = node.condition().map(c -> compiler.filter(c, node.schema(), context)).orElse(null);
        this.pairs = Vectors.newRoot(node.schema(), context.allocator());
        this.probe = Vectors.newRoot(left, context.allocator());
        this.pairEmitter = ProjectingEmitter.copying(compiler, node.schema(), context);
    }

    /** Open windows, for tests. */
    public int openWindows() {
        return windows.size();
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        context.metrics().addRowsIn(n);
        TimeStampVector time = (TimeStampVector) batch.getVector(input == 0 ? node.window().timeColumn()
                : node.rightTime());
        long wm = watermarks.current();
        Map<Long, int[]> byWindow = new LinkedHashMap<>(); // end -> {count, rows...}: boxes per window, not per row
        long late = 0;
        long noTime = 0;
        for (int r = 0; r < n; r++) {
            if (time.isNull(r)) {
                noTime++;
                continue;
            }
            long t = time.get(r);
            boolean placed = false;
            int windowsOfRow = node.attached() ? 1 : assigner.maxWindowsPerRow();
            for (int j = 0; j < windowsOfRow; j++) {
                long end = node.attached() ? t : assigner.end(t, j); // attached: the row's own window_end
                if (end == WindowAssigner.NONE || (wm != Long.MIN_VALUE && end - 1 <= wm)) {
                    continue; // no such window, or it has closed
                }
                int[] rows = byWindow.computeIfAbsent(end, e -> new int[n + 1]);
                rows[++rows[0]] = r;
                placed = true;
            }
            if (!placed) {
                late++;
            }
        }
        RowSchema schema = input == 0 ? left : right;
        for (Map.Entry<Long, int[]> e : byWindow.entrySet()) {
            RowBuffer[] sides = windows.computeIfAbsent(e.getKey(), k -> new RowBuffer[2]);
            if (sides[input] == null) {
                sides[input] = new RowBuffer(schema.types());
            }
            int[] rows = e.getValue();
            sides[input].appendRows(batch, Arrays.copyOfRange(rows, 1, rows[0] + 1), rows[0]);
        }
        if (late > 0) {
            context.metrics().addLateRowsDropped(late);
        }
        if (noTime > 0) {
            context.metrics().addRowsWithoutTime(noTime);
        }
        reportState();
    }


    private void reportState() {
        long bytes = 0;
        for (RowBuffer[] sides : windows.values()) {
            for (RowBuffer b : sides) {
                bytes += b == null ? 0 : b.retainedBytes();
            }
        }
        stateBytes = bytes;
        context.metrics().stateBytes(bytes);
    }

    @Override
    public void onWatermark(int input, long watermark) {
        advance(watermarks.onWatermark(input, watermark));
    }

    private void advance(long w) {
        if (w == WatermarkCombiner.NONE) {
            return;
        }
        while (!windows.isEmpty() && (w == Long.MAX_VALUE || windows.firstKey() - 1 <= w)) {
            Map.Entry<Long, RowBuffer[]> e = windows.pollFirstEntry();
            fire(e.getKey(), e.getValue());
        }
        reportState();
        context.metrics().watermark(w);
        output.watermark(w);
    }

    @Override
    public void onEndOfInput(int input) {
        advance(watermarks.onEnd(input));
        if (watermarks.ended(0) && watermarks.ended(1)) {
            output.finish();
        }
    }

    /** Joins and emits the rows of the window ending at {@code end}. */
    private void fire(long end, RowBuffer[] sides) {
        context.metrics().addWindowsFired(1);
        long start = assigner.start(end);
        RowBuffer l = sides[0] == null ? new RowBuffer(left.types()) : sides[0];
        RowBuffer r = sides[1] == null ? new RowBuffer(right.types()) : sides[1];
        boolean[] leftMatched = new boolean[l.size()];
        boolean[] rightMatched = new boolean[r.size()];
        // hash index over the right rows (chains in row order)
        int size = Integer.highestOneBit(Math.max(16, r.size() * 2 - 1)) << 1;
        int[] buckets = new int[size];
        Arrays.fill(buckets, -1);
        int[] next = new int[r.size()];
        int[] hashes = new int[r.size()];
        rows:
        for (int i = r.size() - 1; i >= 0; i--) {
            int h = 0;
            for (int k : keys[1]) {
                ColumnBuffer c = r.column(k);
                if (c.isNull(i)) {
                    next[i] = -1;
                    continue rows;
                }
                h = h * 31 + c.hash(i);
            }
            h = JoinHashTable.spread(h);
            hashes[i] = h;
            next[i] = buckets[h & (size - 1)];
            buckets[h & (size - 1)] = i;
        }
        int[] chunk = new int[Vectors.MAX_BATCH_ROWS];
        for (int from = 0; from < l.size(); from += Vectors.MAX_BATCH_ROWS) {
            int count = Math.min(Vectors.MAX_BATCH_ROWS, l.size() - from);
            for (int i = 0; i < count; i++) {
                chunk[i] = from + i;
            }
            Vectors.allocate(probe, count);
            l.write(chunk, 0, count, probe, 0);
            probe.setRowCount(count);
            FieldVector[] probeKeys = new FieldVector[keys[0].length];
            for (int k = 0; k < probeKeys.length; k++) {
                probeKeys[k] = probe.getVector(keys[0][k]);
            }
            for (int i = 0; i < count; i++) {
                if (JoinKeys.anyNull(probeKeys, i)) {
                    continue;
                }
                int h = 0;
                for (int k = 0; k < keys[0].length; k++) {
                    h = h * 31 + l.column(keys[0][k]).hash(from + i);
                }
                h = JoinHashTable.spread(h);
                for (int b = buckets[h & (size - 1)]; b >= 0; b = next[b]) {
                    if (hashes[b] == h && keysEqual(r, b, probeKeys, i)) {
                        pairLeft[pairCount] = from + i;
                        pairRight[pairCount] = b;
                        if (++pairCount == Vectors.MAX_BATCH_ROWS) {
                            flush(l, r, start, end, leftMatched, rightMatched);
                        }
                    }
                }
            }
            flush(l, r, start, end, leftMatched, rightMatched);
        }
        if (leftOuter) {
            emitUnmatched(l, leftMatched, true, start, end);
        }
        if (rightOuter) {
            emitUnmatched(r, rightMatched, false, start, end);
        }
    }

    private boolean keysEqual(RowBuffer r, int row, FieldVector[] probeKeys, int probeRow) {
        for (int k = 0; k < probeKeys.length; k++) {
            if (!r.column(keys[1][k]).equalsRow(row, probeKeys[k], probeRow)) {
                return false;
            }
        }
        return true;
    }

    /** Emits the gathered pairs whose residual holds and marks both rows matched. */
    private void flush(RowBuffer l, RowBuffer r, long start, long end, boolean[] leftMatched, boolean[] rightMatched) {
        int n = pairCount;
        pairCount = 0;
        if (n == 0) {
            return;
        }
        Vectors.allocate(pairs, n);
        l.write(pairLeft, 0, n, pairs, 0);
        windowColumns(left.size(), start, end, n);
        int rightAt = left.size() + 3;
        r.write(pairRight, 0, n, pairs, rightAt);
        windowColumns(rightAt + right.size(), start, end, n);
        pairs.setRowCount(n);
        int kept = JoinKeys.keep(residual, pairs, n, selection);
        for (int i = 0; i < kept; i++) {
            leftMatched[pairLeft[selection[i]]] = true;
            rightMatched[pairRight[selection[i]]] = true;
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

    private void windowColumns(int first, long start, long end, int n) {
        TimeStampMilliVector ws = (TimeStampMilliVector) pairs.getVector(first);
        TimeStampMilliVector we = (TimeStampMilliVector) pairs.getVector(first + 1);
        TimeStampMilliVector wt = (TimeStampMilliVector) pairs.getVector(first + 2);
        for (int i = 0; i < n; i++) {
            ws.set(i, start);
            we.set(i, end);
            wt.set(i, end - 1);
        }
    }

    /** Emits the rows of one side that found no partner, the other side's columns NULL. */
    private void emitUnmatched(RowBuffer rows, boolean[] matched, boolean isLeft, long start, long end) {
        int[] picked = new int[Vectors.MAX_BATCH_ROWS];
        int count = 0;
        for (int i = 0; i <= matched.length; i++) {
            if (i < matched.length && !matched[i]) {
                picked[count++] = i;
            }
            if (count > 0 && (count == picked.length || i == matched.length)) {
                Vectors.allocate(pairs, count);
                int at = isLeft ? 0 : left.size() + 3;
                rows.write(picked, 0, count, pairs, at);
                windowColumns(at + (isLeft ? left.size() : right.size()), start, end, count);
                pairs.setRowCount(count);
                context.metrics().addRowsOut(count);
                output.emit(pairs);
                count = 0;
            }
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
        out.writeInt(windows.size());
        for (Map.Entry<Long, RowBuffer[]> e : windows.entrySet()) {
            out.writeLong(e.getKey());
            for (RowBuffer b : e.getValue()) {
                out.writeBoolean(b != null);
                if (b != null) {
                    b.snapshot(out);
                }
            }
        }
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, STATE_VERSION, "a window join");
        watermarks.restore(in);
        context.metrics().restoreRowFates(in);
        int n = StateIO.readCount(in, "open windows");
        windows.clear();
        for (int i = 0; i < n; i++) {
            long end = in.readLong();
            RowBuffer[] sides = new RowBuffer[2];
            for (int s = 0; s < 2; s++) {
                if (in.readBoolean()) {
                    sides[s] = new RowBuffer((s == 0 ? left : right).types());
                    sides[s].restore(in);
                }
            }
            windows.put(end, sides);
        }
        reportState();
    }

    @Override
    public void close() {
        if (pairs != null) {
            pairs.close();
        }
        if (probe != null) {
            probe.close();
        }
        if (pairEmitter != null) {
            pairEmitter.close();
        }
        windows.clear();
    }
}
