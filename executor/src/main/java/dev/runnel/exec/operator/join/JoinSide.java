package dev.runnel.exec.operator.join;

import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.exec.state.StateIO;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One input's state in a {@link StreamingJoinOperator}: every live row of that input (a row added
 * and not yet retracted; equal rows are kept once each, so a row's multiplicity is how often it is
 * there), per row its join-key id ({@code -1} once the row is gone), how many rows of the other side
 * it matches (outer joins pad a row without matches), and when it was last written (for the state
 * TTL); per key id the live rows in arrival order. A retracted row leaves its key's list at once
 * and its slot in the row buffer at the next {@link #compact}.
 *
 * <p>State ({@link #snapshot}, after compacting): the rows ({@link RowBuffer#snapshot}), then per row
 * its key id, match count (ints) and write time (longs); the per-key lists are rebuilt on restore.
 * Single-threaded.
 */
final class JoinSide {
    private RowBuffer rows;
    private int[] keyOf = new int[64];
    private int[] matches = new int[64];
    private long[] written = new long[64];
    private int[][] lists = new int[64][];
    private int[] listSizes = new int[64];
    private int live;

    JoinSide(List<DataType> types) {
        this.rows = new RowBuffer(types);
    }

    RowBuffer rows() {
        return rows;
    }

    int live() {
        return live;
    }

    /** Appends rows {@code idx[0..n)} of {@code batch} (not yet in any key's list); returns the index of the first. */
    int append(VectorSchemaRoot batch, int[] idx, int n) {
        int base = rows.size();
        rows.appendRows(batch, idx, n);
        int size = rows.size();
        if (keyOf.length < size) {
            int cap = Math.max(size, keyOf.length * 2);
            keyOf = Arrays.copyOf(keyOf, cap);
            matches = Arrays.copyOf(matches, cap);
            written = Arrays.copyOf(written, cap);
        }
        Arrays.fill(keyOf, base, size, -1);
        Arrays.fill(matches, base, size, 0);
        return base;
    }

    /** Makes appended row {@code row} live under key id {@code key}, written at {@code now}. */
    void link(int row, int key, long now) {
        if (key >= lists.length) {
            int cap = Math.max(key + 1, lists.length * 2);
            lists = Arrays.copyOf(lists, cap);
            listSizes = Arrays.copyOf(listSizes, cap);
        }
        int[] list = lists[key];
        int n = listSizes[key];
        if (list == null) {
            list = lists[key] = new int[4];
        } else if (n == list.length) {
            list = lists[key] = Arrays.copyOf(list, n * 2);
        }
        list[n] = row;
        listSizes[key] = n + 1;
        keyOf[row] = key;
        written[row] = now;
        live++;
    }

    /** The live rows of key id {@code key} are {@code list(key)[0..listSize(key))}, in arrival order. */
    int listSize(int key) {
        return key < listSizes.length ? listSizes[key] : 0;
    }

    int[] list(int key) {
        return lists[key];
    }

    /** The first live row of key {@code key} equal in every column to row {@code row} of {@code batch}, or -1. */
    int find(int key, VectorSchemaRoot batch, int row) {
        int n = listSize(key);
        if (n == 0) {
            return -1;
        }
        int[] list = lists[key];
        outer:
        for (int i = 0; i < n; i++) {
            int s = list[i];
            for (int c = 0; c < rows.columnCount(); c++) {
                if (!rows.column(c).equalsRow(s, batch.getVector(c), row)) {
                    continue outer;
                }
            }
            return s;
        }
        return -1;
    }

    /** Takes live row {@code row} out of its key's list (order kept); its slot stays readable until {@link #compact}. */
    void unlink(int row) {
        int key = keyOf[row];
        int[] list = lists[key];
        int n = listSizes[key];
        int i = 0;
        while (list[i] != row) {
            i++;
        }
        System.arraycopy(list, i + 1, list, i, n - i - 1);
        listSizes[key] = n - 1;
        keyOf[row] = -1;
        live--;
    }

    int matches(int row) {
        return matches[row];
    }

    void setMatches(int row, int m, long now) {
        matches[row] = m;
        written[row] = now;
    }

    /** Unlinks every live row last written before {@code before}; returns how many. */
    int expire(long before) {
        int n = 0;
        for (int s = 0; s < rows.size(); s++) {
            if (keyOf[s] >= 0 && written[s] < before) {
                unlink(s);
                n++;
            }
        }
        return n;
    }

    /** Whether enough slots are dead that {@link #compact} pays. */
    boolean wantsCompaction() {
        int dead = rows.size() - live;
        return dead > 1024 && dead > live;
    }

    /** Drops the slots of gone rows; live rows keep their order (and so do the key lists). */
    void compact() {
        int size = rows.size();
        if (size == live) {
            return;
        }
        RowBuffer kept = new RowBuffer(rows.types());
        int k = 0;
        for (int s = 0; s < size; s++) {
            if (keyOf[s] >= 0) {
                kept.appendFrom(rows, s);
                keyOf[k] = keyOf[s];
                matches[k] = matches[s];
                written[k++] = written[s];
            }
        }
        rows = kept;
        relist();
    }

    private void relist() {
        Arrays.fill(listSizes, 0);
        int n = live;
        live = 0;
        for (int s = 0; s < n; s++) {
            link(s, keyOf[s], written[s]);
        }
    }

    long retainedBytes() {
        return rows.retainedBytes() + 20L * keyOf.length + 4L * live + 16L * lists.length;
    }

    /** Compacts, then writes the live rows (see the class comment). */
    void snapshot(DataOutputStream out) throws IOException {
        compact();
        rows.snapshot(out);
        StateIO.writeInts(out, keyOf, 0, live);
        StateIO.writeInts(out, matches, 0, live);
        StateIO.writeLongs(out, written, 0, live);
    }

    /** Reads what {@link #snapshot} wrote into this empty side. */
    void restore(DataInputStream in) throws IOException {
        rows.restore(in);
        int n = rows.size();
        int cap = Math.max(64, n);
        keyOf = new int[cap];
        matches = new int[cap];
        written = new long[cap];
        StateIO.readInts(in, keyOf, 0, n);
        StateIO.readInts(in, matches, 0, n);
        StateIO.readLongs(in, written, 0, n);
        for (int s = 0; s < n; s++) {
            if (keyOf[s] < 0) {
                throw new IOException("damaged regular join state: row " + s + " has no key");
            }
        }
        live = n;
        relist();
    }
}
