package dev.runnel.exec.operator.window;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.ChangeKind;
import dev.runnel.exec.operator.OperatorMetrics;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.aggregate.GroupByHash;
import dev.runnel.exec.operator.aggregate.GroupedAggregates;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * TUMBLE, HOP and CUMULATE windows: one {@link GroupByHash} over the group keys plus the
 * {@link GroupedAggregates} per open window, keyed by window end (so group ids are keyed by window
 * and group keys, and a window's state goes as one object).
 *
 * <p>Per batch, for each window number a row can have ({@link WindowAssigner}), the rows whose
 * window is still open are bucketed by window end (a batch usually touches one or two windows) and
 * folded in with the vectorized hash and accumulators. A row too late for one of its windows
 * ({@link Lateness}) skips that window only; a row that no window takes is late. Under
 * {@code late = 'update'} a row for a window that already fired (but is kept) is folded in on its
 * own, and the change is emitted at once: the group's old values as {@code -U} then the new as
 * {@code +U} ({@code +I} for a group new to the window).
 *
 * <p>{@link #fire} emits every window whose end the watermark reached, in order of end, its groups
 * in order of first appearance, then drops windows whose end plus allowed lateness it reached.
 *
 * <p>State ({@link #snapshot}): the window count (int), then per window in order of end: its end
 * and start (longs), how many of its groups are in the output (int), its groups
 * ({@code GroupByHash.snapshot}) and their accumulators ({@code GroupedAggregates.snapshot}).
 * Single-threaded.
 */
final class AlignedWindowState implements WindowState {
    /** One open window. */
    private static final class Window {
        final long start;
        final long end;
        final GroupByHash groups;
        final GroupedAggregates aggregates;
        int emitted; // groups [0, emitted) are in the output

        Window(long start, long end, GroupByHash groups, GroupedAggregates aggregates) {
            this.start = start;
            this.end = end;
            this.groups = groups;
            this.aggregates = aggregates;
        }
    }

    private final WindowAssigner assigner;
    private final int[] groupKeys;
    private final List<DataType> keyTypes;
    private final List<AggregateCall> calls;
    private final List<DataType> inputTypes;
    private final Lateness lateness;
    private final RowTimes times;
    private final WindowResults results;
    private final OperatorMetrics metrics;
    private final TreeMap<Long, Window> windows = new TreeMap<>();

    private int[] selection = new int[0];
    private long[] ends = new long[0];
    private int[] bucket = new int[0];
    private int[] groupIds = new int[0];
    private boolean[] taken = new boolean[0];
    private boolean[] updatesFired = new boolean[0];
    private final int[] one = new int[1];
    /** The batch's distinct group keys: each row's batch-local key id, and per key id its window group id while a bucket folds. */
    private final GroupByHash batchKeys;
    private int[] keyIds = new int[0];
    private long[] bases = new long[0];
    private int[] windowIdOfKey = new int[0];
    private int[] firstRows = new int[0];

    AlignedWindowState(WindowAssigner assigner, int timeColumn, int watermarkColumn, List<Integer> groupKeys,
            List<AggregateCall> calls, List<DataType> inputTypes, Lateness lateness, WindowResults results,
            OperatorMetrics metrics) {
        this.assigner = assigner;
        this.groupKeys = groupKeys.stream().mapToInt(Integer::intValue).toArray();
        this.keyTypes = new ArrayList<>();
        for (int k : this.groupKeys) {
            keyTypes.add(inputTypes.get(k));
        }
        this.calls = List.copyOf(calls);
        this.inputTypes = List.copyOf(inputTypes);
        this.lateness = lateness;
        this.times = new RowTimes(timeColumn, watermarkColumn);
        this.results = results;
        this.metrics = metrics;
        this.batchKeys = new GroupByHash(keyTypes, false);
    }

    private void ensureScratch(int rows) {
        if (selection.length < rows) {
            int n = Math.max(rows, Vectors.MAX_BATCH_ROWS);
            selection = new int[n];
            ends = new long[n];
            bucket = new int[n];
            groupIds = new int[n];
            taken = new boolean[n];
            updatesFired = new boolean[n];
            keyIds = new int[n];
            bases = new long[n];
            firstRows = new int[n];
        }
    }

    /**
     * Gives each row with a time its batch-local key id ({@link #keyIds}): the rows of a batch
     * probe the open windows' tables once per distinct key and window rather than once per row
     * and window (a HOP row has several windows; hot keys repeat within a batch).
     */
    private void assignBatchKeys(FieldVector[] keys, int rows) {
        batchKeys.clear();
        int n = 0;
        for (int r = 0; r < rows; r++) {
            if (times.hasTime[r]) {
                selection[n++] = r;
            }
        }
        batchKeys.assign(keys, null, selection, n, keyIds);
        if (windowIdOfKey.length < batchKeys.groupCount()) {
            windowIdOfKey = new int[Math.max(batchKeys.groupCount(), Vectors.MAX_BATCH_ROWS)];
            java.util.Arrays.fill(windowIdOfKey, -1);
        }
    }

    @Override
    public void add(VectorSchemaRoot batch, long watermark, LateRows late, Output output) {
        int rows = batch.getRowCount();
        if (rows == 0) {
            return;
        }
        ensureScratch(rows);
        times.read(batch, rows);
        FieldVector[] keys = keyVectors(batch);
        long[] time = times.time;
        boolean[] hasTime = times.hasTime;
        java.util.Arrays.fill(taken, 0, rows, false);
        java.util.Arrays.fill(updatesFired, 0, rows, false);
        boolean anyUpdate = false;
        if (groupKeys.length > 0) {
            assignBatchKeys(keys, rows);
        }
        for (int r = 0; r < rows; r++) {
            bases[r] = hasTime[r] ? assigner.base(time[r]) : 0;
        }
        for (int j = 0; j < assigner.maxWindowsPerRow(); j++) {
            int n = 0;
            for (int r = 0; r < rows; r++) {
                if (!hasTime[r]) {
                    continue;
                }
                long end = assigner.end(time[r], bases[r], j);
                if (end == WindowAssigner.NONE
                        || lateness.tooLate(end, times.hasWatermark[r], times.watermark[r], watermark)) {
                    continue;
                }
                taken[r] = true;
                if (end <= watermark) { // fired, kept for late updates
                    updatesFired[r] = true;
                    anyUpdate = true;
                    continue;
                }
                selection[n] = r;
                ends[n] = end;
                n++;
            }
            foldBuckets(batch, keys, n);
        }
        if (anyUpdate) {
            updateFiredWindows(batch, keys, rows, watermark, output);
        }
        int withoutTime = 0;
        for (int r = 0; r < rows; r++) {
            if (!hasTime[r]) {
                withoutTime++;
            } else if (!taken[r]) {
                late.add(r);
            }
        }
        if (withoutTime > 0) {
            metrics.addRowsWithoutTime(withoutTime);
        }
    }

    private FieldVector[] keyVectors(VectorSchemaRoot batch) {
        FieldVector[] keys = new FieldVector[groupKeys.length];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = batch.getVector(groupKeys[k]);
        }
        return keys;
    }

    /** Folds {@code selection[0..n)} (with window ends {@code ends}) into their windows, one window at a time. */
    private void foldBuckets(VectorSchemaRoot batch, FieldVector[] keys, int n) {
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
            Window w = window(end);
            assignWindowGroups(w, keys, size);
            w.aggregates.ensureGroups(w.groups.groupCount());
            w.aggregates.add(groupIds, bucket, size, batch);
            n = rest;
        }
    }

    /**
     * Sets {@code groupIds[r]} for the rows {@code bucket[0..size)} to their group in {@code w}: the
     * first row of each batch-local key probes the window's table (in row order, so groups are still
     * numbered in order of first appearance), the others take its id.
     */
    private void assignWindowGroups(Window w, FieldVector[] keys, int size) {
        if (groupKeys.length == 0) {
            w.groups.assign(keys, null, bucket, size, groupIds);
            return;
        }
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            int k = keyIds[bucket[i]];
            if (windowIdOfKey[k] == -1) {
                windowIdOfKey[k] = -2; // seen: probed once, by this row
                firstRows[distinct++] = bucket[i];
            }
        }
        w.groups.assign(keys, null, firstRows, distinct, groupIds);
        for (int i = 0; i < distinct; i++) {
            int r = firstRows[i];
            windowIdOfKey[keyIds[r]] = groupIds[r];
        }
        for (int i = 0; i < size; i++) {
            int r = bucket[i];
            groupIds[r] = windowIdOfKey[keyIds[r]];
        }
        for (int i = 0; i < distinct; i++) {
            windowIdOfKey[keyIds[firstRows[i]]] = -1;
        }
    }

    private Window window(long end) {
        Window w = windows.get(end);
        if (w == null) {
            w = new Window(assigner.start(end), end, new GroupByHash(keyTypes, false),
                    new GroupedAggregates(calls, inputTypes));
            windows.put(end, w);
        }
        return w;
    }

    /** Late = 'update': rows for fired (kept) windows, one at a time in row order, each change emitted at once. */
    private void updateFiredWindows(VectorSchemaRoot batch, FieldVector[] keys, int rows, long watermark,
            Output output) {
        long[] time = times.time;
        int updating = 0;
        for (int r = 0; r < rows; r++) {
            if (!updatesFired[r]) {
                continue;
            }
            updating++;
            for (int j = 0; j < assigner.maxWindowsPerRow(); j++) {
                long end = assigner.end(time[r], j);
                if (end == WindowAssigner.NONE || end > watermark
                        || lateness.tooLate(end, times.hasWatermark[r], times.watermark[r], watermark)) {
                    continue;
                }
                Window w = window(end);
                one[0] = r;
                w.groups.assign(keys, null, one, 1, groupIds);
                int g = groupIds[r];
                w.aggregates.ensureGroups(w.groups.groupCount());
                boolean existed = g < w.emitted;
                if (existed) {
                    emitGroups(w, g, 1, ChangeKind.UPDATE_BEFORE, output);
                }
                w.aggregates.add(groupIds, one, 1, batch);
                emitGroups(w, g, 1, existed ? ChangeKind.UPDATE_AFTER : ChangeKind.INSERT, output);
                w.emitted = Math.max(w.emitted, g + 1);
            }
        }
        metrics.addLateRowsUpdating(updating);
    }

    @Override
    public void fire(long previous, long watermark, Output output) {
        Iterator<Map.Entry<Long, Window>> it = windows.headMap(watermark, true).entrySet().iterator();
        while (it.hasNext()) {
            Window w = it.next().getValue();
            if (w.end > previous) {
                emitGroups(w, 0, w.groups.groupCount(), ChangeKind.INSERT, output);
                w.emitted = w.groups.groupCount();
                metrics.addWindowsFired(1);
            }
            if (lateness.cleanupTime(w.end) <= watermark) {
                it.remove();
            }
        }
    }

    /** Emits groups {@code [first, first + count)} of {@code w} as rows of kind {@code kind}. */
    private void emitGroups(Window w, int first, int count, ChangeKind kind, Output output) {
        if (!results.shows(kind)) {
            return;
        }
        for (int from = first; from < first + count; from += Vectors.MAX_BATCH_ROWS) {
            int n = Math.min(Vectors.MAX_BATCH_ROWS, first + count - from);
            VectorSchemaRoot out = results.start(n);
            for (int k = 0; k < groupKeys.length; k++) {
                w.groups.keyColumn(k).writeRange(from, n, out.getVector(k));
            }
            for (int i = 0; i < n; i++) {
                results.window(i, w.start, w.end);
                results.changeKind(i, kind);
            }
            w.aggregates.write(from, n, out, results.firstAggregateColumn());
            results.emit(n, output);
            metrics.addRowsOut(n);
        }
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        out.writeInt(windows.size());
        for (Window w : windows.values()) {
            out.writeLong(w.end);
            out.writeLong(w.start);
            out.writeInt(w.emitted);
            w.groups.snapshot(out);
            w.aggregates.snapshot(out, w.groups.groupCount());
        }
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        if (!windows.isEmpty()) {
            throw new IllegalStateException("restore into a window state that has windows");
        }
        int n = StateIO.readCount(in, "windows");
        for (int i = 0; i < n; i++) {
            long end = in.readLong();
            Window w = new Window(in.readLong(), end, new GroupByHash(keyTypes, false),
                    new GroupedAggregates(calls, inputTypes));
            w.emitted = in.readInt();
            w.groups.restore(in);
            w.aggregates.restore(in, w.groups.groupCount());
            windows.put(end, w);
        }
    }

    @Override
    public long retainedBytes() {
        long b = 0;
        for (Window w : windows.values()) {
            b += 64 + w.groups.retainedBytes() + w.aggregates.retainedBytes();
        }
        return b;
    }

    @Override
    public void close() {
        windows.clear();
    }
}
