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
 * still waiting for the watermark, in arrival order, both all together (for the watermark's
 * release) and per partition (a doubly linked list through the row indices, for a partition's
 * clean-up and its lateness checks, which then cost what the partition holds, not what everyone
 * holds). Rows are appended and never moved, except by {@link #compact}, which keeps only the rows
 * the caller marks live and tells it their new indices (in the same order, so index order stays
 * arrival order).
 *
 * <p>State ({@link #snapshot}): the row buffer, then the times and watermarks (longs) and
 * partitions (ints) of its rows, then the count (int) and indices (ints) of the waiting rows in
 * arrival order. Single-threaded.
 */
final class OverRows {
    /** No watermark: the row's {@code _watermark} was NULL; also "no row" in the lists. */
    static final long NONE = Long.MIN_VALUE;
    private static final int NIL = -1;

    private RowBuffer rows;
    private long[] times = new long[1024];
    private long[] watermarks = new long[1024];
    private int[] groups = new int[1024];
    /** The waiting rows in arrival order; entries whose row no longer waits are skipped and dropped lazily. */
    private int[] pending = new int[1024];
    private int pendingCount;
    private boolean[] waiting = new boolean[1024];
    private int[] next = new int[1024];
    private int[] prev = new int[1024];
    private int[] head = new int[16];
    private int[] tail = new int[16];
    private int[] perGroup = new int[16];
    private int[] taken = new int[1024];

    OverRows(List<DataType> types) {
        this.rows = new RowBuffer(types);
        Arrays.fill(head, NIL);
        Arrays.fill(tail, NIL);
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

    /** How many rows of partition {@code g} wait. */
    int pendingOf(int g) {
        return g < perGroup.length ? perGroup[g] : 0;
    }

    /** The first waiting row of partition {@code g} (arrival order), or -1. */
    int firstOf(int g) {
        return g < head.length ? head[g] : NIL;
    }

    /** The waiting row of the same partition after {@code row}, or -1. */
    int nextOf(int row) {
        return next[row];
    }

    int[] taken() {
        return taken;
    }

    private void ensureRows(int n) {
        if (n > times.length) {
            int c = Math.max(n, times.length * 2);
            times = Arrays.copyOf(times, c);
            watermarks = Arrays.copyOf(watermarks, c);
            groups = Arrays.copyOf(groups, c);
            waiting = Arrays.copyOf(waiting, c);
            next = Arrays.copyOf(next, c);
            prev = Arrays.copyOf(prev, c);
        }
    }

    private void ensureGroups(int n) {
        if (n > head.length) {
            int old = head.length;
            int c = Math.max(n, old * 2);
            head = Arrays.copyOf(head, c);
            tail = Arrays.copyOf(tail, c);
            perGroup = Arrays.copyOf(perGroup, c);
            Arrays.fill(head, old, c, NIL);
            Arrays.fill(tail, old, c, NIL);
        }
    }

    /** Row {@code row} (the index it will have once appended) waits: its time, watermark and partition. */
    void hold(int row, long time, long watermark, int group) {
        ensureRows(row + 1);
        times[row] = time;
        watermarks[row] = watermark;
        groups[row] = group;
        if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = row;
        link(row, group);
    }

    private void link(int row, int g) {
        ensureGroups(g + 1);
        waiting[row] = true;
        next[row] = NIL;
        prev[row] = tail[g];
        if (tail[g] == NIL) {
            head[g] = row;
        } else {
            next[tail[g]] = row;
        }
        tail[g] = row;
        perGroup[g]++;
    }

    private void unlink(int row) {
        int g = groups[row];
        waiting[row] = false;
        if (prev[row] == NIL) {
            head[g] = next[row];
        } else {
            next[prev[row]] = next[row];
        }
        if (next[row] == NIL) {
            tail[g] = prev[row];
        } else {
            prev[next[row]] = prev[row];
        }
        perGroup[g]--;
    }

    private void ensureTaken(int n) {
        if (taken.length < n) {
            taken = new int[Math.max(n, taken.length * 2)];
        }
    }

    /**
     * Moves the waiting rows whose time {@code w} reached and that arrived before {@code w} did
     * (their own watermark is below it) to {@link #taken}; returns how many.
     */
    int take(long w) {
        ensureTaken(pendingCount);
        int n = 0;
        int kept = 0;
        for (int i = 0; i < pendingCount; i++) {
            int p = pending[i];
            if (!waiting[p]) {
                continue; // taken with its partition
            }
            if (times[p] <= w && (watermarks[p] < w || w == Long.MAX_VALUE)) {
                taken[n++] = p;
                unlink(p);
            } else {
                pending[kept++] = p;
            }
        }
        pendingCount = kept;
        return n;
    }

    /** Moves partition {@code g}'s waiting rows with a time before {@code before} to {@link #taken}; returns how many. */
    int takePartition(int g, long before) {
        ensureTaken(pendingOf(g));
        int n = 0;
        for (int p = firstOf(g); p != NIL; ) {
            int following = next[p];
            if (times[p] < before) {
                taken[n++] = p;
                unlink(p);
            }
            p = following;
        }
        return n;
    }

    /** Marks the waiting rows live. */
    void markPending(boolean[] live) {
        for (int i = 0; i < pendingCount; i++) {
            if (waiting[pending[i]]) {
                live[pending[i]] = true;
            }
        }
    }

    /** Drops the entries of rows that no longer wait. */
    private void dropTaken() {
        int kept = 0;
        for (int i = 0; i < pendingCount; i++) {
            if (waiting[pending[i]]) {
                pending[kept++] = pending[i];
            }
        }
        pendingCount = kept;
    }

    /** Links the rows of {@link #pending} into their partitions' lists again (after renumbering or a restore). */
    private void relink() {
        Arrays.fill(head, NIL);
        Arrays.fill(tail, NIL);
        Arrays.fill(perGroup, 0);
        for (int i = 0; i < pendingCount; i++) {
            link(pending[i], groups[pending[i]]);
        }
    }

    /**
     * Keeps only the rows marked in {@code live} (every waiting row must be); returns the map from
     * old to new index (-1 for a dropped row), already applied to the waiting rows.
     */
    int[] compact(boolean[] live) {
        dropTaken();
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
                waiting[at] = false;
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
        relink();
        return map;
    }

    long retainedBytes() {
        return rows.retainedBytes() + 33L * times.length + 4L * pending.length + 12L * head.length;
    }

    void snapshot(DataOutputStream out) throws IOException {
        dropTaken();
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
        ensureRows(Math.max(n, 1024));
        ensureGroups(groupCount);
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
        relink();
    }
}
