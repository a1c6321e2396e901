package dev.runnel.exec.operator.window;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.WindowTopNNode;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Window Top-N and window deduplication ({@link WindowTopNNode}): rows are kept per window (by
 * window end, one {@link TopNWindow} each) and partition, cut back to the best {@code rankEnd} as
 * they come; when the watermark reaches a window's end its rows ranked {@code rankStart..rankEnd}
 * are emitted with their row number, ordered by window end, partitions in order of first
 * appearance, then rank; then the window's state goes and the watermark is forwarded. The output
 * is append-only.
 *
 * <p>Over a window function ({@link WindowTopNNode.Assigned}) each row joins its TUMBLE, HOP or
 * CUMULATE windows ({@link WindowAssigner}) that are still open by {@link Lateness}: a row cannot
 * enter a window once its own {@code _watermark} or the operator's watermark reached the window's
 * end; rows no window takes are late ({@link LateRows}: dropped and counted, or routed), rows
 * without an event time are counted. Over a window aggregate ({@link WindowTopNNode.Attached}) a
 * row's window is its {@code window_start} and {@code window_end} columns (both part of the
 * partition); a row for a window that already fired is dropped and counted as late. The hot path
 * works on primitive arrays and the vectors' buffers, without boxing.
 *
 * <p>State ({@link #snapshot}): a layout version (byte), the watermark (long), the counts of late
 * rows, rows without time and windows fired ({@code OperatorMetrics.snapshotRowFates}), the
 * window count (int), then per window in order of end its end and start (longs) and its rows
 * ({@link TopNWindow}). Single-threaded.
 */
public final class WindowTopNOperator implements Operator {
    private final WindowTopNNode node;
    private final LateRowSinks lateSinks;
    private final WindowTopNNode.Assigned assigned;
    private final int[] keyColumns;
    private final List<DataType> keyTypes = new ArrayList<>();
    private final List<DataType> rowTypes = new ArrayList<>();
    private final int keep;
    private final TreeMap<Long, TopNWindow> windows = new TreeMap<>();
    private WindowAssigner assigner;
    private Lateness lateness;
    private RowTimes times;
    private OperatorContext context;
    private Output output;
    private LateRows late;
    private VectorSchemaRoot out;
    private long watermark = Long.MIN_VALUE;

    private int[] selection = new int[0];
    private long[] ends = new long[0];
    private int[] bucket = new int[0];
    private boolean[] taken = new boolean[0];
    private int[] emitRows = new int[Vectors.MAX_BATCH_ROWS];
    private long[] emitRanks = new long[Vectors.MAX_BATCH_ROWS];

    public WindowTopNOperator(WindowTopNNode node, LateRowSinks lateSinks) {
        this.node = node;
        this.lateSinks = lateSinks;
        this.assigned = node.windows() instanceof WindowTopNNode.Assigned a ? a : null;
        RowSchema in = node.input().schema();
        for (Column c : in.columns()) {
            rowTypes.add(c.type());
        }
        List<Integer> keys = new ArrayList<>();
        if (assigned == null) {
            requireTimestamp(in, node.windowStartColumn(), "window_start");
            requireTimestamp(in, node.windowEndColumn(), "window_end");
            keys.add(node.windowStartColumn()); // sessions of one partition may share an end
        } else {
            requireTimestamp(in, assigned.spec().timeColumn(), "the window's time column");
            requireTimestamp(in, assigned.watermarkColumn(), "the _watermark column");
        }
        keys.addAll(node.partitionKeys());
        this.keyColumns = keys.stream().mapToInt(Integer::intValue).toArray();
        for (int k : keyColumns) {
            keyTypes.add(in.get(k).type());
        }
        this.keep = node.rankStart() > node.rankEnd() ? 0 : Math.toIntExact(node.rankEnd());
    }

    private static void requireTimestamp(RowSchema in, int column, String what) {
        if (column < 0 || column >= in.size() || in.get(column).type().kind() != TypeKind.TIMESTAMP) {
            throw new IllegalArgumentException(what + " (input column " + column + ") must be a TIMESTAMP");
        }
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.context = context;
        this.output = output;
        this.out = Vectors.newRoot(node.schema(), context.allocator());
        LatePolicy policy = assigned == null ? LatePolicy.DROP : assigned.late();
        this.late = new LateRows(context.metrics(), policy.kind() == LatePolicy.Kind.ROUTE
                ? lateSinks.open(policy.routeTarget(), node.input().schema(), context) : null);
        if (assigned != null) {
            this.assigner = new WindowAssigner(assigned.spec());
            this.lateness = new Lateness(policy);
            this.times = new RowTimes(assigned.spec().timeColumn(), assigned.watermarkColumn());
        }
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        context.metrics().addRowsIn(rows);
        if (rows == 0) {
            return;
        }
        ensureScratch(rows);
        FieldVector[] keys = new FieldVector[keyColumns.length];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = batch.getVector(keyColumns[k]);
        }
        if (assigned != null) {
            assign(batch, keys, rows);
        } else {
            attach(batch, keys, rows);
        }
        late.finish(batch);
        context.metrics().stateBytes(retainedBytes());
    }

    private void ensureScratch(int rows) {
        if (selection.length < rows) {
            int n = Math.max(rows, Vectors.MAX_BATCH_ROWS);
            selection = new int[n];
            ends = new long[n];
            bucket = new int[n];
            taken = new boolean[n];
        }
    }

    /** Over a window function: each row into each of its windows still open. */
    private void assign(VectorSchemaRoot batch, FieldVector[] keys, int rows) {
        times.read(batch, rows);
        java.util.Arrays.fill(taken, 0, rows, false);
        for (int j = 0; j < assigner.maxWindowsPerRow(); j++) {
            int n = 0;
            for (int r = 0; r < rows; r++) {
                if (!times.hasTime[r]) {
                    continue;
                }
                long end = assigner.end(times.time[r], j);
                if (end == WindowAssigner.NONE
                        || lateness.tooLate(end, times.hasWatermark[r], times.watermark[r], watermark)) {
                    continue;
                }
                taken[r] = true;
                selection[n] = r;
                ends[n] = end;
                n++;
            }
            fold(batch, keys, n);
        }
        int withoutTime = 0;
        for (int r = 0; r < rows; r++) {
            if (!times.hasTime[r]) {
                withoutTime++;
            } else if (!taken[r]) {
                late.add(r);
            }
        }
        if (withoutTime > 0) {
            context.metrics().addRowsWithoutTime(withoutTime);
        }
    }

    /** Over a window aggregate: each row into the window its columns name, unless that one fired. */
    private void attach(VectorSchemaRoot batch, FieldVector[] keys, int rows) {
        ArrowBuf endData = batch.getVector(node.windowEndColumn()).getDataBuffer();
        int n = 0;
        for (int r = 0; r < rows; r++) {
            long end = endData.getLong((long) r << 3);
            if (end <= watermark) {
                late.add(r);
                continue;
            }
            selection[n] = r;
            ends[n] = end;
            n++;
        }
        fold(batch, keys, n);
    }

    /** Adds {@code selection[0..n)} (window ends in {@code ends}) to their windows, one window at a time. */
    private void fold(VectorSchemaRoot batch, FieldVector[] keys, int n) {
        if (keep == 0) {
            return; // the rank range is empty: nothing to keep
        }
        while (n > 0) {
            long end = ends[0];
            int size = 0;
            int rest = 0;
            for (int i = 0; i < n; i++) {
                if (ends[i] == end) {
                    bucket[size++] = selection[i];
                } else {
                    selection[rest] = selection[i];
                    ends[rest] = ends[i];
                    rest++;
                }
            }
            window(end).add(batch, keys, bucket, size);
            n = rest;
        }
    }

    private TopNWindow window(long end) {
        TopNWindow w = windows.get(end);
        if (w == null) {
            w = new TopNWindow(assigner == null ? 0 : assigner.start(end), end, keyTypes, rowTypes, node.order(),
                    node.laterFirstOnTies(), keep);
            windows.put(end, w);
        }
        return w;
    }

    @Override
    public void onWatermark(int input, long w) {
        if (w <= watermark) {
            return;
        }
        watermark = w;
        Iterator<Map.Entry<Long, TopNWindow>> it = windows.headMap(w, true).entrySet().iterator();
        while (it.hasNext()) {
            emit(it.next().getValue());
            it.remove();
            context.metrics().addWindowsFired(1);
        }
        context.metrics().stateBytes(retainedBytes());
        context.metrics().watermark(w);
        output.watermark(w);
    }

    /** Emits the rows of {@code w} ranked {@code rankStart..rankEnd}, partition by partition. */
    private void emit(TopNWindow w) {
        int first = (int) node.rankStart() - 1;
        int n = 0;
        for (int g = 0; g < w.partitionCount(); g++) {
            int ranked = w.rank(g);
            int[] rows = w.ranked(g);
            for (int i = first; i < ranked; i++) {
                if (n == emitRows.length) {
                    flush(w, n);
                    n = 0;
                }
                emitRows[n] = rows[i];
                emitRanks[n] = i + 1;
                n++;
            }
        }
        if (n > 0) {
            flush(w, n);
        }
    }

    private void flush(TopNWindow w, int n) {
        Vectors.allocate(out, n);
        w.rows().write(emitRows, 0, n, out, 0);
        if (assigned != null) {
            TimeStampMilliVector start = (TimeStampMilliVector) out.getVector(node.windowStartColumn());
            TimeStampMilliVector end = (TimeStampMilliVector) out.getVector(node.windowEndColumn());
            for (int i = 0; i < n; i++) {
                start.set(i, w.start);
                end.set(i, w.end);
            }
        }
        BigIntVector rownum = (BigIntVector) out.getVector(node.rowNumberColumn());
        for (int i = 0; i < n; i++) {
            rownum.set(i, emitRanks[i]);
        }
        out.setRowCount(n);
        output.emit(out);
        context.metrics().addRowsOut(n);
    }

    private long retainedBytes() {
        long b = 0;
        for (TopNWindow w : windows.values()) {
            b += w.retainedBytes();
        }
        return b;
    }

    @Override
    public void onEndOfInput(int input) {
        output.finish();
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIO.writeVersion(out, 1);
        out.writeLong(watermark);
        context.metrics().snapshotRowFates(out);
        out.writeInt(windows.size());
        for (TopNWindow w : windows.values()) {
            out.writeLong(w.end);
            out.writeLong(w.start);
            w.snapshot(out);
        }
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, 1, "a window Top-N");
        if (!windows.isEmpty()) {
            throw new IllegalStateException("restore into a window Top-N that has windows");
        }
        watermark = in.readLong();
        context.metrics().restoreRowFates(in);
        if (watermark != Long.MIN_VALUE) {
            context.metrics().watermark(watermark);
        }
        int n = StateIO.readCount(in, "windows");
        for (int i = 0; i < n; i++) {
            long end = in.readLong();
            TopNWindow w = new TopNWindow(in.readLong(), end, keyTypes, rowTypes, node.order(), node.laterFirstOnTies(),
                    keep);
            w.restore(in);
            windows.put(end, w);
        }
        context.metrics().stateBytes(retainedBytes());
    }

    @Override
    public boolean needsMoreInput() {
        return output.needsMoreInput();
    }

    @Override
    public void close() {
        windows.clear();
        if (late != null) {
            late.close();
        }
        if (out != null) {
            out.close();
        }
    }
}
