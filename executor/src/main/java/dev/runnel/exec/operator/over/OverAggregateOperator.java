package dev.runnel.exec.operator.over;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.aggregate.GroupByHash;
import dev.runnel.exec.operator.sort.IntSorter;
import dev.runnel.exec.operator.window.LateRowSinks;
import dev.runnel.exec.operator.window.LateRows;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.OverAggregateNode;
import dev.runnel.planner.physical.OverAggregateNode.Frame;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * OVER aggregates on a stream ({@link OverAggregateNode}), incrementally, as Flink runs them.
 *
 * <p>Rows wait per partition ({@link OverRows}) until the watermark passes their event time; then
 * the released rows go out in time order (per partition arrival order among equal times), each
 * with its calls' values: a row enters its partition's running accumulators
 * ({@link OverAccumulator}), the rows the frame moved past leave them (oldest first: RANGE by time,
 * ROWS by count), and the value is read, never recomputed over the frame. RANGE frames release
 * every peer (same partition and time) together, so all peers see all of them; ROWS frames take
 * rows one by one. A partition keeps only the rows its frame still holds (and the last {@code n}
 * for {@code LAG(x, n)}); rows no one holds any more are dropped from the buffer now and then.
 *
 * <p>Late rows (Flink's rules, decided per row from its {@code _watermark}, so batching does not
 * change them): over an unbounded frame a row whose time is not after its {@code _watermark}; over
 * a bounded frame a row whose partition emitted a row at its time or later already, or would have
 * by then (a held row at or after its time that the watermark reached since it arrived). They are
 * dropped and counted, or routed ({@code late = 'route'}).
 *
 * <p>The output is append-only; watermarks go on after the rows they release. State
 * ({@link #snapshot}): a layout version, the operator's watermark (long), the partitions
 * ({@link GroupByHash}), the rows ({@link OverRows}), per partition the time it last emitted
 * (longs) and how many of its kept rows are behind the frame (ints), the partitions' kept rows
 * ({@link PartitionRings}), each call's accumulator, and the live-row count of the last clean-up.
 * Single-threaded.
 */
public final class OverAggregateOperator implements Operator {
    private static final int SLACK_ROWS = 4096;

    private final OverAggregateNode node;
    private final LateRowSinks lateSinks;
    private final int[] keyColumns;
    private final boolean range;
    private final long preceding;
    private final boolean bounded;
    private final int lagKeep;
    private final boolean keepRows;
    private GroupByHash partitions;
    private OverRows rows;
    private PartitionRings kept;
    private OverAccumulator[] accumulators;
    private long[] lastEmitted = new long[16];
    private int[] behind = new int[16];
    /** RANGE with a bound: when Flink's clean-up timer of each partition fires (OverRows.NONE: none). */
    private long[] cleanupAt = new long[16];
    /** Per partition, clean-up times that a later one replaced: Flink's timers still fire then, and count as emitting. */
    private long[][] stale = new long[16][];
    private int[] staleCount = new int[16];
    private final boolean cleans;
    private final long cleanupDelay;
    private long watermark = Long.MIN_VALUE;
    private int liveAtCleanup;
    private OperatorContext context;
    private Output output;
    private VectorSchemaRoot out;
    private FieldVector[] callVectors;
    private LateRows late;
    private final int[] emitRows = new int[Vectors.MAX_BATCH_ROWS];
    private int emitCount;
    private int[] all = new int[0];
    private int[] groupIds = new int[0];
    private int[] taken = new int[0];

    public OverAggregateOperator(OverAggregateNode node, LateRowSinks lateSinks) {
        this.node = node;
        this.lateSinks = lateSinks;
        this.keyColumns = node.partitionKeys().stream().mapToInt(Integer::intValue).toArray();
        Frame f = node.frame();
        this.range = f.kind() == Frame.Kind.RANGE;
        this.preceding = f.preceding();
        this.bounded = !f.unbounded();
        int lag = node.maxLagOffset();
        boolean hasLag = node.calls().stream().anyMatch(c -> c.function() == OverAggregateNode.Function.LAG);
        this.lagKeep = hasLag ? lag + 1 : 0;
        this.keepRows = bounded || hasLag;
        this.cleans = range && bounded;
        this.cleanupDelay = (long) (preceding * 1.5) + 1;
        Arrays.fill(lastEmitted, Long.MIN_VALUE);
        Arrays.fill(cleanupAt, OverRows.NONE);
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.context = context;
        this.output = output;
        List<DataType> keyTypes = new ArrayList<>();
        for (int k : keyColumns) {
            keyTypes.add(node.input().schema().get(k).type());
        }
        this.partitions = new GroupByHash(keyTypes, false);
        this.rows = new OverRows(node.input().schema().types());
        this.kept = new PartitionRings();
        this.accumulators = new OverAccumulator[node.calls().size()];
        for (int c = 0; c < accumulators.length; c++) {
            accumulators[c] = OverAccumulator.create(node.calls().get(c), rows.buffer(), node.frame(), kept);
        }
        this.out = Vectors.newRoot(node.schema(), context.allocator());
        this.callVectors = new FieldVector[accumulators.length];
        for (int c = 0; c < accumulators.length; c++) {
            callVectors[c] = out.getVector(node.callColumn(c));
        }
        LatePolicy policy = node.late();
        this.late = new LateRows(context.metrics(), policy.kind() == LatePolicy.Kind.ROUTE
                ? lateSinks.open(policy.routeTarget(), node.input().schema(), context) : null);
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        context.metrics().addRowsIn(n);
        if (n == 0) {
            return;
        }
        if (all.length < n) {
            all = new int[Math.max(n, 1024)];
            groupIds = new int[all.length];
            taken = new int[all.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
        }
        FieldVector[] keys = new FieldVector[keyColumns.length];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = batch.getVector(keyColumns[k]);
        }
        partitions.assign(keys, null, all, n, groupIds);
        ensureGroups(partitions.groupCount());
        FieldVector time = batch.getVector(node.timeColumn());
        FieldVector mark = batch.getVector(node.watermarkColumn());
        ArrowBuf timeData = time.getDataBuffer();
        ArrowBuf markData = mark.getDataBuffer();
        int first = rows.size();
        int count = 0;
        for (int r = 0; r < n; r++) {
            if (time.isNull(r)) {
                late.add(r); // no time, no place in the order
                continue;
            }
            long t = timeData.getLong((long) r << 3);
            long w = mark.isNull(r) ? OverRows.NONE : markData.getLong((long) r << 3);
            int g = groupIds[r];
            if (cleans && cleanupAt[g] != OverRows.NONE && cleanupAt[g] <= w) {
                // Flink's clean-up timer of the partition fired before this row: what was due before it goes
                // out, then the partition forgets its rows and what it emitted
                rows.buffer().appendRows(batch, taken, count);
                first = rows.size();
                count = 0;
                releasePartition(g, cleanupAt[g]);
                reset(g);
            }
            if (isLate(g, t, w)) {
                late.add(r);
                continue;
            }
            rows.hold(first + count, t, w, g);
            taken[count++] = r;
            if (cleans && (cleanupAt[g] == OverRows.NONE || cleanupAt[g] < t + preceding + 1)) {
                if (cleanupAt[g] != OverRows.NONE) {
                    addStale(g, cleanupAt[g]);
                }
                cleanupAt[g] = t + cleanupDelay;
            }
        }
        rows.buffer().appendRows(batch, taken, count);
        flush(); // rows a partition's clean-up released
        late.finish(batch);
        context.metrics().stateBytes(retainedBytes());
    }

    private void addStale(int g, long time) {
        long[] s = stale[g];
        if (s == null || staleCount[g] == s.length) {
            stale[g] = s = s == null ? new long[4] : Arrays.copyOf(s, s.length * 2);
        }
        s[staleCount[g]++] = time;
    }

    /** The replaced clean-up timers of partition {@code g} that the watermark {@code w} reached have fired. */
    private void fireStale(int g, long w) {
        int n = staleCount[g];
        if (n == 0 || stale[g][0] > w) {
            return;
        }
        long[] s = stale[g];
        int fired = 0;
        while (fired < n && s[fired] <= w) {
            lastEmitted[g] = Math.max(lastEmitted[g], s[fired]);
            fired++;
        }
        System.arraycopy(s, fired, s, 0, n - fired);
        staleCount[g] = n - fired;
    }

    private boolean isLate(int g, long t, long w) {
        if (cleans && w != OverRows.NONE) {
            fireStale(g, w);
        }
        if (t <= lastEmitted[g]) {
            return true;
        }
        if (w == OverRows.NONE || t > w) {
            return false;
        }
        if (!bounded) {
            return true; // behind its watermark
        }
        for (int p = rows.firstOf(g); p >= 0; p = rows.nextOf(p)) { // a held row would have gone out by now
            if (rows.time(p) >= t && rows.time(p) <= w && rows.watermark(p) < w) {
                return true;
            }
        }
        return false;
    }

    private void ensureGroups(int groups) {
        if (groups > lastEmitted.length) {
            int old = lastEmitted.length;
            int c = Math.max(groups, old * 2);
            lastEmitted = Arrays.copyOf(lastEmitted, c);
            Arrays.fill(lastEmitted, old, c, Long.MIN_VALUE);
            behind = Arrays.copyOf(behind, c);
            cleanupAt = Arrays.copyOf(cleanupAt, c);
            Arrays.fill(cleanupAt, old, c, OverRows.NONE);
            stale = Arrays.copyOf(stale, c);
            staleCount = Arrays.copyOf(staleCount, c);
        }
        kept.ensureGroups(groups);
        for (OverAccumulator a : accumulators) {
            a.ensureGroups(groups);
        }
    }

    @Override
    public void onWatermark(int input, long w) {
        if (w > watermark) {
            watermark = w;
            release(w);
        }
        context.metrics().watermark(w);
        output.watermark(w);
    }

    @Override
    public void onEndOfInput(int input) {
        release(Long.MAX_VALUE);
        output.finish();
    }

    /** Emits the held rows the watermark {@code w} released, in time order, with their values. */
    private void release(long w) {
        process(rows.take(w));
        flush();
        cleanUp();
    }

    /**
     * Emits partition {@code g}'s held rows before {@code before} (Flink's clean-up time: its rows at
     * that very time are lost there, so they are dropped and counted here).
     */
    private void releasePartition(int g, long before) {
        if (rows.pendingOf(g) == 0) {
            return;
        }
        process(rows.takePartition(g, before));
        int lost = rows.takePartition(g, before + 1);
        if (lost > 0) {
            context.metrics().addLateRowsDropped(lost);
        }
    }

    /** Partition {@code g} starts over: no rows, empty accumulators, nothing emitted. */
    private void reset(int g) {
        for (OverAccumulator a : accumulators) {
            a.reset(g);
        }
        kept.clear(g);
        behind[g] = 0;
        lastEmitted[g] = Long.MIN_VALUE;
        cleanupAt[g] = OverRows.NONE;
        staleCount[g] = 0;
    }

    /** Emits the rows {@code rows.taken()[0..n)} in time order, with their values. */
    private void process(int n) {
        if (n == 0) {
            return;
        }
        int[] ready = rows.taken();
        IntSorter.sort(ready, 0, n, (a, b) -> {
            int c = Long.compare(rows.time(a), rows.time(b));
            if (c == 0) {
                c = Integer.compare(rows.group(a), rows.group(b));
            }
            return c != 0 ? c : Integer.compare(a, b);
        });
        int i = 0;
        while (i < n) {
            int p = ready[i];
            int g = rows.group(p);
            long t = rows.time(p);
            if (range) {
                int j = i + 1;
                while (j < n && rows.group(ready[j]) == g && rows.time(ready[j]) == t) {
                    j++;
                }
                if (bounded) {
                    long from = t - preceding;
                    while (inFrame(g) > 0 && rows.time(kept.get(g, behind[g])) < from) {
                        leave(g);
                    }
                }
                for (int k = i; k < j; k++) {
                    enter(g, ready[k]);
                }
                for (int k = i; k < j; k++) {
                    emit(g, ready[k], ready[j - 1]);
                }
                i = j;
            } else {
                enter(g, p);
                while (bounded && inFrame(g) > preceding + 1) {
                    leave(g);
                }
                emit(g, p, p);
                i++;
            }
            lastEmitted[g] = t;
            trim(g);
        }
    }

    /** How many of the partition's kept rows are in its frame. */
    private int inFrame(int g) {
        return kept.size(g) - behind[g];
    }

    private void enter(int g, int row) {
        for (OverAccumulator a : accumulators) {
            a.add(g, row);
        }
        if (keepRows) {
            kept.addLast(g, row);
            if (!bounded) {
                behind[g]++; // an unbounded frame takes nothing back: the row is kept for LAG only
            }
        }
    }

    /** The oldest row of the partition's frame leaves it. */
    private void leave(int g) {
        int row = kept.get(g, behind[g]);
        for (OverAccumulator a : accumulators) {
            a.retract(g, row);
        }
        behind[g]++;
    }

    /** Drops the rows behind the frame that LAG no longer reads. */
    private void trim(int g) {
        while (behind[g] > 0 && kept.size(g) > lagKeep) {
            kept.removeFirst(g);
            behind[g]--;
        }
    }

    private void emit(int g, int row, int lastRow) {
        if (emitCount == emitRows.length) {
            flush();
        }
        if (emitCount == 0) {
            Vectors.allocate(out, emitRows.length);
        }
        for (int c = 0; c < accumulators.length; c++) {
            accumulators[c].write(g, lastRow, callVectors[c], emitCount);
        }
        emitRows[emitCount++] = row;
    }

    private void flush() {
        int n = emitCount;
        if (n == 0) {
            return;
        }
        rows.buffer().write(emitRows, 0, n, out, 0);
        out.setRowCount(n);
        emitCount = 0;
        output.emit(out);
        context.metrics().addRowsOut(n);
    }

    /** Drops the rows nothing holds any more, once they are at least half of the buffer. */
    private void cleanUp() {
        int size = rows.size();
        if (size - liveAtCleanup < Math.max(SLACK_ROWS, liveAtCleanup)) {
            return;
        }
        if (cleans) { // partitions whose clean-up time passed, with nothing held back, forget their rows
            for (int g = 0; g < partitions.groupCount(); g++) {
                if (cleanupAt[g] != OverRows.NONE && cleanupAt[g] <= watermark && rows.pendingOf(g) == 0) {
                    reset(g);
                }
            }
        }
        boolean[] live = new boolean[size];
        rows.markPending(live);
        kept.mark(live);
        for (OverAccumulator a : accumulators) {
            a.mark(live);
        }
        int count = 0;
        for (boolean b : live) {
            count += b ? 1 : 0;
        }
        liveAtCleanup = count;
        if (2L * count > size) {
            return;
        }
        int[] map = rows.compact(live);
        kept.renumber(map);
        for (OverAccumulator a : accumulators) {
            a.renumber(map);
            a.bind(rows.buffer());
        }
        context.metrics().stateBytes(retainedBytes());
    }

    private long retainedBytes() {
        long b = rows.retainedBytes() + partitions.retainedBytes() + kept.retainedBytes() + 12L * lastEmitted.length;
        for (OverAccumulator a : accumulators) {
            b += a.retainedBytes();
        }
        return b;
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIO.writeVersion(out, 1);
        out.writeLong(watermark);
        partitions.snapshot(out);
        int groups = partitions.groupCount();
        rows.snapshot(out);
        StateIO.writeLongs(out, lastEmitted, 0, groups);
        StateIO.writeInts(out, behind, 0, groups);
        StateIO.writeLongs(out, cleanupAt, 0, groups);
        for (int g = 0; g < groups; g++) {
            out.writeInt(staleCount[g]);
            if (staleCount[g] > 0) {
                StateIO.writeLongs(out, stale[g], 0, staleCount[g]);
            }
        }
        kept.snapshot(out);
        for (OverAccumulator a : accumulators) {
            a.snapshot(out, groups);
        }
        out.writeInt(liveAtCleanup);
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, 1, "an OVER aggregate");
        watermark = in.readLong();
        partitions.restore(in);
        int groups = partitions.groupCount();
        ensureGroups(groups);
        rows.restore(in, groups);
        StateIO.readLongs(in, lastEmitted, 0, groups);
        StateIO.readInts(in, behind, 0, groups);
        StateIO.readLongs(in, cleanupAt, 0, groups);
        for (int g = 0; g < groups; g++) {
            staleCount[g] = StateIO.readCount(in, "replaced clean-up times");
            if (staleCount[g] > 0) {
                stale[g] = new long[Math.max(4, staleCount[g])];
                StateIO.readLongs(in, stale[g], 0, staleCount[g]);
            }
        }
        kept.restore(in, rows.size());
        for (OverAccumulator a : accumulators) {
            a.restore(in, groups, rows.size());
        }
        liveAtCleanup = in.readInt();
        context.metrics().stateBytes(retainedBytes());
    }

    @Override
    public boolean needsMoreInput() {
        return output.needsMoreInput();
    }

    @Override
    public void close() {
        if (late != null) {
            late.close();
        }
        if (out != null) {
            out.close();
        }
    }
}
