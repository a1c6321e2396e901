package dev.runnel.exec.view;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.SqlValues;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.operator.aggregate.GroupByHash;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * The contents of a materialized view: a keyed store its job applies a changelog to, which pull
 * queries read and subscriptions follow.
 *
 * <p>Keyed by the view's unique key when it has one: {@code +I}/{@code +U} put the row of its key,
 * {@code -U}/{@code -D} remove it. Without a key, by the whole row, with a multiplicity: {@code +}
 * adds a copy, {@code -} takes one away. Keys get dense ids from a {@link GroupByHash}; the current
 * row of each id lives in an append-only {@link RowBuffer} (an update appends the new version), which
 * is compacted when superseded versions outnumber live ones.
 *
 * <p>Consistency: {@link #apply} takes a whole batch under the write lock, and readers copy what they
 * need under the read lock, so a reader never sees part of a batch's effects. A subscription
 * registers under the write lock together with its snapshot, so it sees every later change exactly
 * once. Thread-safe.
 */
public final class ViewTable {
    private final RowSchema schema;
    private final int[] key;
    private final boolean wholeRow;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<DataType> keyTypes = new ArrayList<>();
    private GroupByHash index;
    private RowBuffer rows;
    private static final int SNAPSHOT_BATCH_ROWS = 65_536;
    private int[] current = filled(16);
    private long[] multiplicity = new long[16];
    private long liveRows;
    private long version;
    private int[] all = new int[0];
    private int[] ids = new int[0];
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    /** @param key the view's unique key (column indices); empty to key by the whole row */
    public ViewTable(RowSchema schema, List<Integer> key) {
        this.schema = schema;
        this.wholeRow = key.isEmpty();
        this.key = wholeRow ? allColumns(schema.size()) : key.stream().mapToInt(Integer::intValue).toArray();
        for (int k : this.key) {
            keyTypes.add(schema.get(k).type());
        }
        this.index = new GroupByHash(keyTypes, false);
        this.rows = new RowBuffer(schema.columns().stream().map(Column::type).toList());
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    private static int[] allColumns(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    public RowSchema schema() {
        return schema;
    }

    /** The key columns; every column for a view kept as whole rows. */
    public int[] keyColumns() {
        return key.clone();
    }

    /** Whether rows are keyed by the whole row (a view without a unique key). */
    public boolean wholeRow() {
        return wholeRow;
    }

    /**
     * Applies a changelog batch (the view's columns then the change kind) and passes it on to every
     * subscription; the whole batch or nothing is visible to readers.
     */
    public void apply(VectorSchemaRoot changes) {
        int n = changes.getRowCount();
        if (n == 0) {
            return;
        }
        lock.writeLock().lock();
        try {
            applyLocked(changes, n);
            version++;
            for (Subscription s : subscriptions) {
                s.offer(changes, version);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void applyLocked(VectorSchemaRoot changes, int n) {
        if (all.length < n) {
            all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            ids = new int[n];
        }
        FieldVector[] keyVectors = new FieldVector[key.length];
        for (int k = 0; k < key.length; k++) {
            keyVectors[k] = changes.getVector(key[k]);
        }
        index.assign(keyVectors, null, all, n, ids);
        growTo(index.groupCount());
        IntVector ops = Changelog.ops(changes, schema.size());
        int[] one = new int[1];
        for (int r = 0; r < n; r++) {
            int id = ids[r];
            if (Changelog.retracts(ops.get(r))) {
                if (multiplicity[id] == 0) {
                    continue; // a retraction of a row that is not there: nothing to take away
                }
                liveRows--;
                if (--multiplicity[id] == 0) {
                    current[id] = -1;
                }
            } else if (wholeRow && multiplicity[id] > 0) {
                multiplicity[id]++;
                liveRows++;
            } else {
                one[0] = r;
                current[id] = rows.size();
                rows.appendRows(changes, one, 1);
                if (multiplicity[id] == 0) {
                    liveRows++;
                }
                multiplicity[id] = 1;
            }
        }
        if (rows.size() > 1024 && rows.size() > 2 * distinctLive()) {
            compact();
        }
    }

    private long distinctLive() {
        long n = 0;
        for (int id = 0; id < index.groupCount(); id++) {
            if (current[id] >= 0) {
                n++;
            }
        }
        return n;
    }

    /** Drops superseded row versions: copies each live row into a fresh buffer. */
    private void compact() {
        RowBuffer fresh = new RowBuffer(rows.types());
        for (int id = 0; id < index.groupCount(); id++) {
            if (current[id] >= 0) {
                int at = fresh.size();
                fresh.appendFrom(rows, current[id]);
                current[id] = at;
            }
        }
        rows = fresh;
    }

    /** Rows in the view (copies counted). */
    public long rowCount() {
        lock.readLock().lock();
        try {
            return liveRows;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Changelog batches applied so far. */
    public long version() {
        lock.readLock().lock();
        try {
            return version;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Approximate heap bytes held. */
    public long retainedBytes() {
        lock.readLock().lock();
        try {
            return rows.retainedBytes() + index.retainedBytes() + 12L * current.length;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every row (copies repeated), as batches of the view's columns owned by the caller. */
    public List<VectorSchemaRoot> scan(BufferAllocator allocator) {
        lock.readLock().lock();
        try {
            return copyAll(allocator);
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<VectorSchemaRoot> copyAll(BufferAllocator allocator) {
        int[] live = new int[(int) Math.min(Integer.MAX_VALUE - 8, liveRows)];
        int n = 0;
        for (int id = 0; id < index.groupCount(); id++) {
            if (current[id] >= 0) {
                for (long m = multiplicity[id]; m > 0; m--) {
                    live[n++] = current[id];
                }
            }
        }
        return batches(live, n, allocator);
    }

    private List<VectorSchemaRoot> batches(int[] indices, int n, BufferAllocator allocator) {
        List<VectorSchemaRoot> out = new ArrayList<>();
        try {
            for (int from = 0; from < n; from += Vectors.MAX_BATCH_ROWS) {
                int count = Math.min(Vectors.MAX_BATCH_ROWS, n - from);
                VectorSchemaRoot b = Vectors.newRoot(schema, allocator);
                out.add(b);
                Vectors.allocate(b, count);
                rows.write(indices, from, count, b, 0);
                b.setRowCount(count);
            }
        } catch (RuntimeException e) {
            out.forEach(VectorSchemaRoot::close);
            throw e;
        }
        return out;
    }

    /**
     * The rows whose key columns equal the values in {@code keys} (a batch of the key columns' types,
     * one lookup per row), copied into batches owned by the caller: a point lookup, no scan.
     */
    public List<VectorSchemaRoot> lookup(VectorSchemaRoot keys, BufferAllocator allocator) {
        lock.readLock().lock();
        try {
            FieldVector[] keyVectors = keys.getFieldVectors().toArray(new FieldVector[0]);
            int[] found = new int[keys.getRowCount()];
            int n = 0;
            for (int r = 0; r < keys.getRowCount(); r++) {
                int id = index.find(keyVectors, r);
                if (id >= 0 && current[id] >= 0) {
                    for (long m = multiplicity[id]; m > 0; m--) {
                        if (n == found.length) {
                            found = Arrays.copyOf(found, n * 2 + 1);
                        }
                        found[n++] = current[id];
                    }
                }
            }
            return batches(found, n, allocator);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The rows whose key columns equal each tuple of {@code keys} (Java values in key column order,
     * converted to the key columns' types as {@link SqlValues#coerce} does; NULL matches NULL here),
     * as Java values of the view's columns, each row as often as the view holds it: the same rows as
     * {@link #lookup}, without Arrow batches (a JDBC point lookup reads one row as Java values anyway).
     *
     * @throws ClassCastException when a key value is not of a kind its column's type takes
     */
    public List<Object[]> lookupRows(List<? extends List<?>> keys) {
        Object[][] probes = new Object[keys.size()][];
        for (int t = 0; t < probes.length; t++) {
            List<?> tuple = keys.get(t);
            Object[] probe = new Object[key.length];
            for (int k = 0; k < key.length; k++) {
                probe[k] = SqlValues.coerce(tuple.get(k), keyTypes.get(k));
            }
            probes[t] = probe;
        }
        List<Object[]> out = new ArrayList<>(Math.max(1, probes.length));
        lock.readLock().lock();
        try {
            for (Object[] probe : probes) {
                int id = index.findValues(probe);
                if (id >= 0 && current[id] >= 0) {
                    for (long m = multiplicity[id]; m > 0; m--) {
                        out.add(rows.values(current[id]));
                    }
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return out;
    }

    /**
     * Writes every row of the view with its multiplicity, as an Arrow IPC stream (the view's columns
     * then a BIGINT count): the table's part of a checkpoint. Called by the view's job thread between
     * batches.
     */
    public void snapshot(OutputStream out, BufferAllocator allocator) throws IOException {
        lock.readLock().lock();
        try (VectorSchemaRoot root = Vectors.newRoot(snapshotSchema(), allocator);
                ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
            writer.start();
            int[] ids = new int[SNAPSHOT_BATCH_ROWS];
            int[] at = new int[SNAPSHOT_BATCH_ROWS];
            int n = 0;
            for (int id = 0; id <= index.groupCount(); id++) {
                if (id < index.groupCount() && current[id] >= 0) {
                    ids[n] = id;
                    at[n++] = current[id];
                }
                if (n == SNAPSHOT_BATCH_ROWS || (id == index.groupCount() && n > 0)) {
                    Vectors.allocate(root, n);
                    rows.write(at, 0, n, root, 0);
                    BigIntVector counts = (BigIntVector) root.getVector(schema.size());
                    for (int i = 0; i < n; i++) {
                        counts.set(i, multiplicity[ids[i]]);
                    }
                    root.setRowCount(n);
                    writer.writeBatch();
                    n = 0;
                }
            }
            writer.end();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Loads what {@link #snapshot} wrote into this table, which must be empty (a view's job restoring a checkpoint). */
    public void restore(InputStream in, BufferAllocator allocator) throws IOException {
        lock.writeLock().lock();
        try (ArrowStreamReader reader = new ArrowStreamReader(in, allocator)) {
            if (index.groupCount() != 0) {
                throw new IllegalStateException("a view table restores into an empty table only");
            }
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                int n = root.getRowCount();
                int[] all = new int[n];
                for (int i = 0; i < n; i++) {
                    all[i] = i;
                }
                int[] ids = new int[n];
                FieldVector[] keyVectors = new FieldVector[key.length];
                for (int k = 0; k < key.length; k++) {
                    keyVectors[k] = root.getVector(key[k]);
                }
                index.assign(keyVectors, null, all, n, ids);
                growTo(index.groupCount());
                BigIntVector counts = (BigIntVector) root.getVector(schema.size());
                int[] one = new int[1];
                for (int r = 0; r < n; r++) {
                    one[0] = r;
                    current[ids[r]] = rows.size();
                    rows.appendRows(root, one, 1);
                    multiplicity[ids[r]] = counts.get(r);
                    liveRows += counts.get(r);
                }
                if (!subscriptions.isEmpty()) {
                    publish(root.getFieldVectors().subList(0, schema.size()), n, counts, Changelog.INSERT, allocator);
                }
            }
            version++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Tells every subscription that rows {@code 0..n)} of {@code data} (each {@code counts} times,
     * once when null) were inserted or deleted ({@code op}); under the write lock.
     */
    private void publish(List<FieldVector> data, int n, BigIntVector counts, int op, BufferAllocator allocator) {
        List<Integer> expanded = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            for (long m = counts == null ? 1 : counts.get(r); m > 0; m--) {
                expanded.add(r);
            }
        }
        int[] picked = expanded.stream().mapToInt(Integer::intValue).toArray();
        try (VectorSchemaRoot changes = Vectors.newRoot(Changelog.withOp(schema), allocator)) {
            Vectors.allocate(changes, picked.length);
            for (int c = 0; c < schema.size(); c++) {
                FieldVector to = changes.getVector(c);
                for (int i = 0; i < picked.length; i++) {
                    to.copyFromSafe(picked[i], i, data.get(c)); // a restore or reset, not the hot path
                }
            }
            IntVector ops = Changelog.ops(changes, schema.size());
            for (int i = 0; i < picked.length; i++) {
                Changelog.setOp(ops, i, op);
            }
            changes.setRowCount(picked.length);
            version++;
            for (Subscription s : subscriptions) {
                s.offer(changes, version);
            }
        }
    }

    /**
     * Empties the table, telling subscriptions each row is deleted (a view's job starting over after
     * a checkpoint it could not restore).
     */
    public void clear(BufferAllocator allocator) {
        lock.writeLock().lock();
        try {
            if (!subscriptions.isEmpty()) {
                for (VectorSchemaRoot b : copyAll(allocator)) {
                    try (b) {
                        publish(b.getFieldVectors(), b.getRowCount(), null, Changelog.DELETE, allocator);
                    }
                }
            }
            index = new GroupByHash(keyTypes, false);
            rows = new RowBuffer(rows.types());
            current = filled(16);
            multiplicity = new long[16];
            liveRows = 0;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private RowSchema snapshotSchema() {
        List<Column> columns = new ArrayList<>(schema.columns());
        columns.add(new Column("$count", DataType.of(TypeKind.BIGINT).notNull()));
        return new RowSchema(columns);
    }

    private void growTo(int groups) {
        if (current.length < groups) {
            int c = Math.max(groups, current.length * 2);
            int old = current.length;
            current = Arrays.copyOf(current, c);
            Arrays.fill(current, old, c, -1);
            multiplicity = Arrays.copyOf(multiplicity, c);
        }
    }

    /**
     * Starts following the view: {@code subscription} gets the current rows (as inserts) first,
     * then every changelog batch applied after them, with nothing missed or repeated in between.
     */
    public void subscribe(Subscription subscription, BufferAllocator allocator) {
        lock.writeLock().lock();
        try {
            subscription.snapshot(copyAll(allocator), version);
            subscriptions.add(subscription);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void unsubscribe(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    /** A follower of a view's changes (see {@link #subscribe}). Its methods are called under the view's lock. */
    public interface Subscription {
        /** The rows at subscription time, which reflect {@code version}; the subscription owns the batches. */
        void snapshot(List<VectorSchemaRoot> rows, long version);

        /** A changelog batch just applied, making the view {@code version}; valid only during the call. */
        void offer(VectorSchemaRoot changes, long version);
    }
}
