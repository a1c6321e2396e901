package dev.runnel.exec.operator.over;

import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.exec.state.StateIO;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The rows an OVER operator holds: a {@link RowBuffer} of input rows, and per row (by its index)
 * its event time, its {@code _watermark} ({@link #NONE} for NULL) and its partition; and the rows
 * still waiting for the watermark ({@link #pending}, in arrival order). Rows are appended and
 * never moved, except by {@link #compact}, which keeps only the rows the caller marks live and
 * tells it their new indices (in the same order, so index order stays arrival order).
 *
 * <p>State ({@link #snapshot}): the row buffer, then the times and watermarks (longs) and
 * partitions (ints) of its rows, then the pending count (int) and rows (ints). Single-threaded.
 */
final class OverRows {
    /** No watermark: the row's {@code _watermark} was NULL. */
    static final long NONE = Long.MIN_VALUE;

    private RowBuffer rows;
    private long[] times = new long[1024];
    private long[] watermarks = new long[1024];
    private int[] groups = new int[1024];
    private int[] pending = new int[1024];
    private int pendingCount;

    OverRows(List<DataType> types) {
        this.rows = new RowBuffer(types);
    }

    RowBuffer buffer() {
        return rows;
    }

    int size() {
        return rows.size();
    }

    long time(int row) {
        return times[row];
    }

    long watermark(int row) {
        return watermarks[row];
    }

    int group(int row) {
        return groups[row];
    }

    int pendingCount() {
        return pendingCount;
    }

    int pending(int i) {
        return pending[i];
    }

    /** Row {@code row} (the index it will have once appended) waits: its time, watermark and partition. */
    void hold(int row, long time, long watermark, int group) {
        if (row >= times.length) {
            int c = Math.max(row + 1, times.length * 2);
            times = Arrays.copyOf(times, c);
            watermarks = Arrays.copyOf(watermarks, c);
            groups = Arrays.copyOf(groups, c);
        }
        times[row] = time;
        watermarks[row] = watermark;
        groups[row] = group;
        if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = row;
    }

    /**
     * Moves the pending rows whose time {@code w} reached and that arrived before {@code w} did
     * (their own watermark is below it) to {@code into}; returns how many (into grows as needed:
     * the caller reads {@link #taken}).
     */
    int take(long w) {
        int n = 0;
        int kept = 0;
        if (taken.length < pendingCount) {
            taken = new int[Math.max(pendingCount, taken.length * 2)];
        }
        for (int i = 0; i < pendingCount; i++) {
            int p = pending[i];
            if (times[p] <= w && (watermarks[p] < w || w == Long.MAX_VALUE)) {
                taken[n++] = p;
            } else {
                pending[kept++] = p;
            }
        }
        pendingCount = kept;
        return n;
    }

    private int[] taken = new int[1024];

    /** Moves partition {@code g}'s pending rows with a time before {@code before} to {@link #taken}; returns how many. */
    int takePartition(int g, long before) {
        int n = 0;
        int kept = 0;
        if (taken.length < pendingCount) {
            taken = new int[Math.max(pendingCount, taken.length * 2)];
        }
        for (int i = 0; i < pendingCount; i++) {
            int p = pending[i];
            if (groups[p] == g && times[p] < before) {
                taken[n++] = p;
            } else {
                pending[kept++] = p;
            }
        }
        pendingCount = kept;
        return n;
    }

    /** Marks the partitions that have pending rows. */
    void markPendingGroups(boolean[] has) {
        for (int i = 0; i < pendingCount; i++) {
            has[groups[pending[i]]] = true;
        }
    }

    int[] taken() {
        return taken;
    }

    /** Marks the pending rows live. */
    void markPending(boolean[] live) {
        for (int i = 0; i < pendingCount; i++) {
            live[pending[i]] = true;
        }
    }

    /**
     * Keeps only the rows marked in {@code live}; returns the map from old to new index (-1 for a
     * dropped row), already applied to the pending rows.
     */
    int[] compact(boolean[] live) {
        int n = rows.size();
        int[] map = new int[n];
        RowBuffer kept = new RowBuffer(rows.types());
        int at = 0;
        for (int r = 0; r < n; r++) {
            if (live[r]) {
                map[r] = at;
                times[at] = times[r];
                watermarks[at] = watermarks[r];
                groups[at] = groups[r];
                kept.appendFrom(rows, r);
                at++;
            } else {
                map[r] = -1;
            }
        }
        rows = kept;
        for (int i = 0; i < pendingCount; i++) {
            pending[i] = map[pending[i]];
        }
        return map;
    }

    long retainedBytes() {
        return rows.retainedBytes() + 20L * times.length + 4L * pending.length;
    }

    void snapshot(DataOutputStream out) throws IOException {
        rows.snapshot(out);
        int n = rows.size();
        StateIO.writeLongs(out, times, 0, n);
        StateIO.writeLongs(out, watermarks, 0, n);
        StateIO.writeInts(out, groups, 0, n);
        out.writeInt(pendingCount);
        StateIO.writeInts(out, pending, 0, pendingCount);
    }

    /** Reads what {@link #snapshot} wrote into this empty instance; partitions below {@code groupCount}. */
    void restore(DataInputStream in, int groupCount) throws IOException {
        rows.restore(in);
        int n = rows.size();
        times = new long[Math.max(n, 1024)];
        watermarks = new long[times.length];
        groups = new int[times.length];
        StateIO.readLongs(in, times, 0, n);
        StateIO.readLongs(in, watermarks, 0, n);
        StateIO.readInts(in, groups, 0, n);
        pendingCount = StateIO.readCount(in, "pending OVER rows");
        pending = new int[Math.max(pendingCount, 1024)];
        StateIO.readInts(in, pending, 0, pendingCount);
        for (int r = 0; r < n; r++) {
            if (groups[r] < 0 || groups[r] >= groupCount) {
                throw new IOException("damaged OVER state: partition " + groups[r] + " of " + groupCount);
            }
        }
        for (int i = 0; i < pendingCount; i++) {
            if (pending[i] < 0 || pending[i] >= n) {
                throw new IOException("damaged OVER state: pending row " + pending[i] + " of " + n);
            }
        }
    }
}
