package dev.runnel.exec.operator.join;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.rows.ColumnBuffer;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The build side of a hash join: every build row in a {@link RowBuffer}, and, for rows whose keys
 * are all non-NULL, a chained hash table over the key columns ({@code buckets} hold the first row of
 * a chain, {@code next} links rows with the same bucket). Rows with a NULL key are kept (outer joins
 * emit them) but never match. Single-threaded; built once, then probed.
 */
final class JoinHashTable {
    private final RowBuffer rows;
    private final int[] keyColumns;
    private int[] buckets;
    private int[] next;
    private int[] hashes;
    private int[] identity = new int[0];

    JoinHashTable(List<DataType> types, List<Integer> keyColumns) {
        this.rows = new RowBuffer(types);
        this.keyColumns = keyColumns.stream().mapToInt(Integer::intValue).toArray();
    }

    RowBuffer rows() {
        return rows;
    }

    /** The key column {@code k} of the build rows (also used to hash probe vectors of the same type). */
    ColumnBuffer keyColumn(int k) {
        return rows.column(keyColumns[k]);
    }

    int keyCount() {
        return keyColumns.length;
    }

    void add(VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        if (identity.length < n) {
            identity = new int[Math.max(n, Vectors.MAX_BATCH_ROWS)];
            for (int i = 0; i < identity.length; i++) {
                identity[i] = i;
            }
        }
        rows.appendRows(batch, identity, n);
    }

    /** Indexes the rows added so far; call once, after the last {@link #add}. */
    void seal() {
        int n = rows.size();
        int size = Integer.highestOneBit(Math.max(16, n * 2 - 1)) << 1;
        buckets = new int[size];
        Arrays.fill(buckets, -1);
        next = new int[n];
        hashes = new int[n];
        int mask = size - 1;
        rowLoop:
        for (int r = n - 1; r >= 0; r--) { // backwards, so chains list rows in arrival order
            int h = 0;
            for (int k = 0; k < keyColumns.length; k++) {
                ColumnBuffer c = keyColumn(k);
                if (c.isNull(r)) {
                    next[r] = -1;
                    continue rowLoop;
                }
                h = h * 31 + c.hash(r);
            }
            h = spread(h);
            hashes[r] = h;
            int b = h & mask;
            next[r] = buckets[b];
            buckets[b] = r;
        }
    }

    /** Writes the build rows; the index is not written ({@link #seal} rebuilds it). */
    void snapshot(DataOutputStream out) throws IOException {
        rows.snapshot(out);
    }

    /** Reads the build rows {@link #snapshot} wrote into this empty table; {@link #seal} if it was sealed. */
    void restore(DataInputStream in) throws IOException {
        rows.restore(in);
    }

    static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        return h ^ (h >>> 13);
    }

    /** First build row that may match a probe row with (spread) hash {@code h}, or -1. */
    int first(int h) {
        return buckets[h & (buckets.length - 1)];
    }

    /** The next candidate after build row {@code row}, or -1. */
    int next(int row) {
        return next[row];
    }

    /** Whether build row {@code row} has hash {@code h} and keys equal to probe row {@code probeRow}'s. */
    boolean matches(int row, int h, FieldVector[] probeKeys, int probeRow) {
        if (hashes[row] != h) {
            return false;
        }
        for (int k = 0; k < keyColumns.length; k++) {
            if (!keyColumn(k).equalsRow(row, probeKeys[k], probeRow)) {
                return false;
            }
        }
        return true;
    }
}
