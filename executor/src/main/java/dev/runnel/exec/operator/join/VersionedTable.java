package dev.runnel.exec.operator.join;

import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.operator.aggregate.GroupByHash;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.exec.state.StateIO;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The versions of a TABLE by primary key, for a temporal join: per key, in order of the time from
 * which each is valid, a row (an index into a {@link RowBuffer} of the columns the join emits) or
 * a deletion. A version with a NULL time is valid from the beginning; a deletion without a time of
 * its own (a tombstone) ends the key's newest version at that version's time. Among versions of the
 * same time the later one counts. {@link #prune} drops, per key, the versions before the newest one
 * that is not after a time (the watermark): no row still to come can need them. Keys are ids of a
 * {@link GroupByHash} (the probe side's keys get ids too, so a row can wait for its key's versions).
 *
 * <p>State ({@link #snapshot}): the keys ({@link GroupByHash#snapshot}), per key the version count
 * then its times (longs) and rows (ints, -1 a deletion), then the rows ({@link RowBuffer#snapshot}).
 * Single-threaded.
 */
final class VersionedTable {
    private final GroupByHash keys;
    private final List<DataType> rowTypes;
    private RowBuffer rows;
    private long[][] times = new long[16][];
    private int[][] versions = new int[16][];
    private int[] counts = new int[16];
    private long liveVersions;
    private int[] ids = new int[0];
    private int[] all = new int[0];
    private int[] appended = new int[0];

    VersionedTable(List<DataType> keyTypes, List<DataType> rowTypes) {
        this.keys = new GroupByHash(keyTypes, false);
        this.rowTypes = List.copyOf(rowTypes);
        this.rows = new RowBuffer(rowTypes);
    }

    /** Ids of the keys of rows {@code 0..n)} (the key vectors), adding keys not seen yet. */
    int[] keyIds(FieldVector[] keyVectors, int n) {
        grow(n);
        keys.assign(keyVectors, null, all, n, ids);
        ensureKeys();
        return ids;
    }

    /**
     * Adds the versions of a changelog batch of the table: its first {@code rowTypes} columns are the
     * row, {@code keyColumns} the key, {@code time} the time it is valid from (-1: none, each change
     * valid from now, after the key's versions so far), after the data columns
     * ({@code dataColumns}) the change kind. Then prunes the keys it touched by {@code watermark}.
     */
    void add(VectorSchemaRoot batch, int[] keyColumns, int time, int dataColumns, long watermark) {
        int n = batch.getRowCount();
        FieldVector[] keyVectors = new FieldVector[keyColumns.length];
        for (int k = 0; k < keyVectors.length; k++) {
            keyVectors[k] = batch.getVector(keyColumns[k]);
        }
        int[] id = keyIds(keyVectors, n);
        ArrowBuf ops = Changelog.ops(batch, dataColumns).getDataBuffer();
        int adds = 0;
        for (int i = 0; i < n; i++) {
            if ((ops.getInt((long) i << 2) & 1) == 0) {
                appended[adds++] = i;
            }
        }
        int base = rows.size();
        rows.appendRows(batch, appended, adds);
        TimeStampMilliVector times = time < 0 ? null : (TimeStampMilliVector) batch.getVector(time);
        int a = 0;
        for (int i = 0; i < n; i++) {
            int key = id[i];
            boolean add = a < adds && appended[a] == i;
            int row = add ? base + a++ : -1;
            long t;
            if (times != null && !times.isNull(i)) {
                t = times.get(i);
            } else if (add) {
                t = Long.MIN_VALUE;
            } else if (counts[key] > 0) {
                t = this.times[key][counts[key] - 1];
            } else {
                continue; // a deletion of a key that has no version
            }
            insert(key, t, row);
            prune(key, watermark);
        }
        if (rows.size() > 2 * liveVersions + 4096) {
            compact();
        }
    }

    private void insert(int key, long t, int row) {
        int c = counts[key];
        if (times[key] == null) {
            times[key] = new long[4];
            versions[key] = new int[4];
        } else if (c == times[key].length) {
            times[key] = Arrays.copyOf(times[key], c * 2);
            versions[key] = Arrays.copyOf(versions[key], c * 2);
        }
        int at = c;
        while (at > 0 && times[key][at - 1] > t) { // after versions of the same time: the later one counts
            at--;
        }
        System.arraycopy(times[key], at, times[key], at + 1, c - at);
        System.arraycopy(versions[key], at, versions[key], at + 1, c - at);
        times[key][at] = t;
        versions[key][at] = row;
        counts[key] = c + 1;
        if (row >= 0) {
            liveVersions++;
        }
    }

    /** Drops the versions of {@code key} before its newest one not after {@code watermark}. */
    void prune(int key, long watermark) {
        int c = counts[key];
        int newest = -1;
        for (int i = 0; i < c && times[key][i] <= watermark; i++) {
            newest = i;
        }
        if (newest <= 0) {
            return;
        }
        for (int i = 0; i < newest; i++) {
            if (versions[key][i] >= 0) {
                liveVersions--;
            }
        }
        System.arraycopy(times[key], newest, times[key], 0, c - newest);
        System.arraycopy(versions[key], newest, versions[key], 0, c - newest);
        counts[key] = c - newest;
    }

    /** The row of {@code key}'s version valid at {@code t}, or -1 (none, or deleted then). */
    int rowAt(int key, long t) {
        int lo = 0;
        int hi = counts[key] - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (times[key][mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? -1 : versions[key][found];
    }

    RowBuffer rows() {
        return rows;
    }

    long retainedBytes() {
        long b = keys.retainedBytes() + rows.retainedBytes() + 4L * counts.length;
        for (int k = 0; k < keys.groupCount(); k++) {
            b += times[k] == null ? 0 : 12L * times[k].length;
        }
        return b;
    }

    private void compact() {
        RowBuffer fresh = new RowBuffer(rowTypes);
        for (int k = 0; k < keys.groupCount(); k++) {
            for (int i = 0; i < counts[k]; i++) {
                if (versions[k][i] >= 0) {
                    fresh.appendFrom(rows, versions[k][i]);
                    versions[k][i] = fresh.size() - 1;
                }
            }
        }
        rows = fresh;
    }

    private void ensureKeys() {
        int n = keys.groupCount();
        if (counts.length < n) {
            int size = Math.max(n, counts.length * 2);
            counts = Arrays.copyOf(counts, size);
            times = Arrays.copyOf(times, size);
            versions = Arrays.copyOf(versions, size);
        }
    }

    private void grow(int n) {
        if (all.length < n) {
            all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            ids = new int[n];
            appended = new int[n];
        }
    }

    void snapshot(DataOutputStream out) throws IOException {
        keys.snapshot(out);
        for (int k = 0; k < keys.groupCount(); k++) {
            out.writeInt(counts[k]);
            if (counts[k] > 0) {
                StateIO.writeLongs(out, times[k], 0, counts[k]);
                StateIO.writeInts(out, versions[k], 0, counts[k]);
            }
        }
        rows.snapshot(out);
    }

    void restore(DataInputStream in) throws IOException {
        keys.restore(in);
        ensureKeys();
        liveVersions = 0;
        for (int k = 0; k < keys.groupCount(); k++) {
            int c = StateIO.readCount(in, "versions");
            counts[k] = c;
            if (c > 0) {
                times[k] = new long[c];
                versions[k] = new int[c];
                StateIO.readLongs(in, times[k], 0, c);
                StateIO.readInts(in, versions[k], 0, c);
                for (int i = 0; i < c; i++) {
                    if (versions[k][i] >= 0) {
                        liveVersions++;
                    }
                }
            }
        }
        rows.restore(in);
    }
}
