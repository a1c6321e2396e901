package dev.runnel.exec.operator.window;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.ChangeKind;
import dev.runnel.exec.operator.OperatorMetrics;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.aggregate.GroupByHash;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * SESSION windows, per session key (the group keys, then any partition keys not among them): a row
 * at event time {@code t} opens the window {@code [t, t + gap)}, which merges with every session of
 * its key it overlaps or touches (Flink's rule), transitively. A session fires when the watermark
 * reaches its end.
 *
 * <p>Lateness follows Flink: a late row first merges with its key's sessions, and is late only if
 * the merged session is ({@link Lateness}); a late row then changes nothing. A session the row's own
 * {@code _watermark} has already closed (end plus allowed lateness reached) does not take it, even
 * if the operator has not fired it yet, so the result does not depend on batching. Under
 * {@code late = 'update'} a row that merges with fired (kept) sessions retracts their results
 * ({@code -U} when the session keeps its bounds, else {@code -D}) and, if the merged session is
 * past the watermark, emits the new one ({@code +U}, or {@code +I}).
 *
 * <p>State: the rows of open sessions (only the columns the aggregates and keys need) in a
 * {@link RowBuffer}, compacted when more than half of it belongs to expired sessions; sessions hold
 * row indices. Aggregates are computed when a session fires ({@link SessionResults}), so merging
 * needs no accumulator merge (DISTINCT included). Session keys live in a {@link GroupByHash} that is rebuilt when most of its
 * keys have no session left.
 *
 * <p>State ({@link #snapshot}): the row store as it is, dead rows included, so session row indices
 * stay valid ({@code RowBuffer.snapshot}), live and dead row counts (ints), the key table
 * ({@code GroupByHash.snapshot}), the live key count (int), the next session id (long), then the
 * sessions ({@link SessionSnapshot}); which sessions wait to fire and which are kept after firing
 * follows from their fired flags. Single-threaded.
 */
final class SessionWindowState implements WindowState {
    private static final int COMPACT_AFTER = 4096;
    private static final Comparator<Session> BY_END =
            Comparator.comparingLong((Session s) -> s.end).thenComparingLong(s -> s.id);

    private final long gap;
    private final int[] sessionKeys;
    private final List<DataType> sessionKeyTypes;
    private final int[] storedColumns;
    private final Lateness lateness;
    private final RowTimes times;
    private final OperatorMetrics metrics;
    private final BufferAllocator allocator;

    private RowBuffer store;
    private int liveRows;
    private int deadRows;
    private GroupByHash keys;
    private final List<List<Session>> byKey = new ArrayList<>();
    private int liveKeys;
    private final TreeSet<Session> pending = new TreeSet<>(BY_END);
    private final TreeSet<Session> kept = new TreeSet<>(BY_END);
    private long nextId;

    private int[] keyIds = new int[0];
    private int[] withTime = new int[0];
    private int[] accepted = new int[0];
    private int acceptedCount;
    private VectorSchemaRoot storeView;
    private final List<Session> candidates = new ArrayList<>();
    private final SessionResults sessionResults;

    SessionWindowState(long gap, int timeColumn, int watermarkColumn, List<Integer> groupKeys, List<Integer> partitionKeys,
            List<AggregateCall> calls, RowSchema input, Lateness lateness, WindowResults results, OperatorMetrics metrics,
            BufferAllocator allocator) {
        this.gap = gap;
        List<Integer> sk = new ArrayList<>(groupKeys);
        for (int p : partitionKeys) {
            if (!sk.contains(p)) {
                sk.add(p);
            }
        }
        this.sessionKeys = sk.stream().mapToInt(Integer::intValue).toArray();
        this.sessionKeyTypes = sk.stream().map(c -> input.get(c).type()).toList();
        // the columns kept per row: group keys (for the output) and every argument and filter column
        List<Integer> stored = new ArrayList<>(groupKeys);
        for (AggregateCall c : calls) {
            for (int a : c.args()) {
                if (!stored.contains(a)) {
                    stored.add(a);
                }
            }
            if (c.filterArg() >= 0 && !stored.contains(c.filterArg())) {
                stored.add(c.filterArg());
            }
        }
        this.storedColumns = stored.stream().mapToInt(Integer::intValue).toArray();
        List<Column> storedCols = new ArrayList<>();
        for (int c : storedColumns) {
            storedCols.add(input.get(c));
        }
        RowSchema storedSchema = new RowSchema(storedCols);
        int[] storedGroupKeys = groupKeys.stream().mapToInt(stored::indexOf).toArray();
        List<AggregateCall> storedCalls = calls.stream().map(c -> new AggregateCall(c.function(),
                c.args().stream().map(stored::indexOf).toList(), c.distinct(),
                c.filterArg() < 0 ? -1 : stored.indexOf(c.filterArg()), c.type(), c.name())).toList();
        this.lateness = lateness;
        this.times = new RowTimes(timeColumn, watermarkColumn);
        this.metrics = metrics;
        this.allocator = allocator;
        this.store = new RowBuffer(storedCols.stream().map(Column::type).toList());
        this.keys = new GroupByHash(sessionKeyTypes, false);
        this.sessionResults = new SessionResults(storedSchema, storedCalls, storedGroupKeys, results, metrics,
                allocator);
    }

    @Override
    public void add(VectorSchemaRoot batch, long watermark, LateRows late, Output output) {
        int rows = batch.getRowCount();
        if (rows == 0) {
            return;
        }
        if (keyIds.length < rows) {
            int n = Math.max(rows, Vectors.MAX_BATCH_ROWS);
            keyIds = new int[n];
            withTime = new int[n];
            accepted = new int[n];
        }
        times.read(batch, rows);
        int timed = 0;
        for (int r = 0; r < rows; r++) {
            if (times.hasTime[r]) {
                withTime[timed++] = r;
            }
        }
        if (timed < rows) {
            metrics.addRowsWithoutTime(rows - timed);
        }
        FieldVector[] keyVectors = new FieldVector[sessionKeys.length];
        for (int k = 0; k < keyVectors.length; k++) {
            keyVectors[k] = batch.getVector(sessionKeys[k]);
        }
        keys.assign(keyVectors, null, withTime, timed, keyIds);
        while (byKey.size() < keys.groupCount()) {
            byKey.add(new ArrayList<>(2));
        }
        storeView = view(batch);
        acceptedCount = 0;
        for (int i = 0; i < timed; i++) {
            int r = withTime[i];
            if (!place(r, keyIds[r], watermark, output)) {
                late.add(r);
            }
        }
        flushAccepted();
        storeView = null;
    }

    /** The stored columns of {@code batch}, sharing its vectors. */
    private VectorSchemaRoot view(VectorSchemaRoot batch) {
        List<FieldVector> vectors = new ArrayList<>(storedColumns.length);
        for (int c : storedColumns) {
            vectors.add(batch.getVector(c));
        }
        return new VectorSchemaRoot(vectors.stream().map(FieldVector::getField).toList(), vectors, batch.getRowCount());
    }

    /** Puts row {@code r} into its session, merging; false if it is late (then nothing changed). */
    private boolean place(int r, int key, long watermark, Output output) {
        long ts = times.time[r];
        boolean hasWm = times.hasWatermark[r];
        long rowWm = times.watermark[r];
        long start = ts;
        long end = ts + gap < ts ? Long.MAX_VALUE : ts + gap;
        List<Session> sessions = byKey.get(key);
        candidates.clear();
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Session s : sessions) {
                if (s.start <= end && s.end >= start && !candidates.contains(s)
                        && !lateness.tooLate(s.end, hasWm, rowWm, watermark)) {
                    candidates.add(s);
                    start = Math.min(start, s.start);
                    end = Math.max(end, s.end);
                    grew = true;
                }
            }
        }
        if (lateness.tooLate(end, hasWm, rowWm, watermark)) {
            return false;
        }
        boolean firesNow = end <= watermark; // only under late = 'update'
        List<Session> fired = new ArrayList<>(0);
        for (Session s : candidates) {
            if (s.fired) {
                fired.add(s);
            }
        }
        boolean sameWindow = fired.size() == 1 && candidates.size() == 1 && firesNow
                && fired.get(0).start == start && fired.get(0).end == end;
        if (!fired.isEmpty()) {
            flushAccepted();
            emit(fired, sameWindow ? ChangeKind.UPDATE_BEFORE : ChangeKind.DELETE, output);
        }
        Session target;
        if (candidates.isEmpty()) {
            target = new Session(start, end, key, nextId++);
            if (sessions.isEmpty()) {
                liveKeys++;
            }
            sessions.add(target);
        } else {
            target = candidates.get(0);
            (target.fired ? kept : pending).remove(target);
            for (int i = 1; i < candidates.size(); i++) {
                Session o = candidates.get(i);
                (o.fired ? kept : pending).remove(o);
                sessions.remove(o);
                target.rows.addAll(o.rows);
            }
            target.start = start;
            target.end = end;
        }
        target.rows.add(store.size() + acceptedCount);
        accepted[acceptedCount++] = r;
        liveRows++;
        target.fired = firesNow;
        if (firesNow) {
            flushAccepted();
            emit(List.of(target), sameWindow ? ChangeKind.UPDATE_AFTER : ChangeKind.INSERT, output);
            kept.add(target);
        } else {
            pending.add(target);
        }
        if (firesNow || !fired.isEmpty()) {
            metrics.addLateRowsUpdating(1);
        }
        return true;
    }

    /** Appends the rows accepted so far from the current batch to the store (their indices were promised). */
    private void flushAccepted() {
        if (acceptedCount > 0) {
            store.appendRows(storeView, accepted, acceptedCount);
            acceptedCount = 0;
        }
    }

    @Override
    public void fire(long previous, long watermark, Output output) {
        List<Session> firing = new ArrayList<>();
        while (!pending.isEmpty() && pending.first().end <= watermark) {
            Session s = pending.pollFirst();
            s.fired = true;
            firing.add(s);
        }
        if (!firing.isEmpty()) {
            emit(firing, ChangeKind.INSERT, output);
            metrics.addWindowsFired(firing.size());
        }
        for (Session s : firing) {
            if (lateness.cleanupTime(s.end) <= watermark) {
                remove(s);
            } else {
                kept.add(s);
            }
        }
        while (!kept.isEmpty() && lateness.cleanupTime(kept.first().end) <= watermark) {
            remove(kept.pollFirst());
        }
        compact();
    }

    private void remove(Session s) {
        List<Session> sessions = byKey.get(s.key);
        sessions.remove(s);
        if (sessions.isEmpty()) {
            liveKeys--;
        }
        liveRows -= s.rows.size();
        deadRows += s.rows.size();
    }

    private void emit(List<Session> sessions, ChangeKind kind, Output output) {
        sessionResults.emit(store, sessions, kind, output);
    }

    /** Drops the rows and keys of expired sessions once they are most of what is held. */
    private void compact() {
        if (deadRows > COMPACT_AFTER && deadRows > liveRows) {
            RowBuffer fresh = new RowBuffer(store.types());
            for (List<Session> sessions : byKey) {
                for (Session s : sessions) {
                    for (int i = 0; i < s.rows.size(); i++) {
                        int old = s.rows.get(i);
                        s.rows.set(i, fresh.size());
                        fresh.appendFrom(store, old);
                    }
                }
            }
            store = fresh;
            deadRows = 0;
        }
        if (keys.groupCount() > COMPACT_AFTER && liveKeys * 2 < keys.groupCount()) {
            rebuildKeys();
        }
    }

    /** A new key table holding only keys that still have sessions; sessions get the new ids. */
    private void rebuildKeys() {
        int[] live = new int[liveKeys];
        int n = 0;
        for (int id = 0; id < byKey.size(); id++) {
            if (!byKey.get(id).isEmpty()) {
                live[n++] = id;
            }
        }
        List<Column> cols = new ArrayList<>();
        for (int k = 0; k < sessionKeyTypes.size(); k++) {
            cols.add(new Column("k" + k, sessionKeyTypes.get(k)));
        }
        GroupByHash fresh = new GroupByHash(sessionKeyTypes, false);
        List<List<Session>> moved = new ArrayList<>(n);
        try (VectorSchemaRoot tmp = Vectors.newRoot(new RowSchema(cols), allocator)) {
            Vectors.allocate(tmp, n);
            for (int k = 0; k < cols.size(); k++) {
                keys.keyColumn(k).write(live, 0, n, tmp.getVector(k));
            }
            tmp.setRowCount(n);
            int[] rows = new int[n];
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
            fresh.assign(tmp.getFieldVectors().toArray(new FieldVector[0]), null, rows, n, ids);
            for (int i = 0; i < n; i++) {
                List<Session> sessions = byKey.get(live[i]);
                for (Session s : sessions) {
                    s.key = ids[i];
                }
                moved.add(sessions); // ids[i] == i: live keys are distinct and assigned in order
            }
        }
        keys = fresh;
        byKey.clear();
        byKey.addAll(moved);
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        store.snapshot(out);
        out.writeInt(liveRows);
        out.writeInt(deadRows);
        keys.snapshot(out);
        out.writeInt(liveKeys);
        out.writeLong(nextId);
        SessionSnapshot.write(out, byKey);
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        if (store.size() != 0 || keys.groupCount() != 0) {
            throw new IllegalStateException("restore into a session state that holds sessions");
        }
        store.restore(in);
        liveRows = StateIO.readCount(in, "live session rows");
        deadRows = StateIO.readCount(in, "dead session rows");
        keys.restore(in);
        liveKeys = StateIO.readCount(in, "live session keys");
        nextId = in.readLong();
        List<List<Session>> sessions = SessionSnapshot.read(in);
        if (sessions.size() != keys.groupCount()) {
            throw new IOException("damaged session state: sessions for " + sessions.size() + " keys, "
                    + keys.groupCount() + " keys");
        }
        byKey.clear();
        byKey.addAll(sessions);
        for (List<Session> list : byKey) {
            for (Session s : list) {
                (s.fired ? kept : pending).add(s);
            }
        }
    }

    @Override
    public long retainedBytes() {
        long b = store.retainedBytes() + keys.retainedBytes() + 64L * (pending.size() + kept.size());
        return b + 4L * liveRows;
    }

    @Override
    public void close() {
        pending.clear();
        kept.clear();
        byKey.clear();
    }
}
