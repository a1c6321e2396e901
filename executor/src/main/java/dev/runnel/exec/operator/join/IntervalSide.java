package dev.runnel.exec.operator.join;

import dev.runnel.exec.rows.ColumnBuffer;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.exec.state.StateIO;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The rows one side of an interval join keeps: every column in a {@link RowBuffer}, each row's
 * event time, key hash and whether it matched, a chained hash index over the key (newest row first)
 * and a second chain per time slot of {@link #SLOT_MILLIS}, so that the watermark expires rows slot
 * by slot without scanning the others. Expired rows are marked dead and skipped; when dead rows
 * outnumber live ones the buffer is compacted (live rows keep their relative order, and so do the
 * chains, so results come out in the same order as without compaction: a checkpoint writes only
 * live rows). Single-threaded.
 */
final class IntervalSide {
    static final long SLOT_MILLIS = 128;
    private static final int MIN_COMPACT = 4096;

    private final List<DataType> types;
    private final int[] keyColumns;
    private RowBuffer rows;
    private long[] times = new long[1024];
    private int[] hashes = new int[1024];
    private int[] next = new int[1024];
    private int[] slotNext = new int[1024];
    private boolean[] matched = new boolean[1024];
    private boolean[] dead = new boolean[1024];
    private int[] buckets = new int[16];
    /** Time slot → the newest row in it (its chain runs through {@link #slotNext}); one box per slot, not per row. */
    private final TreeMap<Long, Integer> slots = new TreeMap<>();
    private int live;

    IntervalSide(List<DataType> types, List<Integer> keyColumns) {
        this.types = List.copyOf(types);
        this.keyColumns = keyColumns.stream().mapToInt(Integer::intValue).toArray();
        this.rows = new RowBuffer(this.types);
        Arrays.fill(buckets, -1);
    }

    RowBuffer rows() {
        return rows;
    }

    int live() {
        return live;
    }

    long retainedBytes() {
        return rows.retainedBytes() + (long) times.length * (8 + 4 + 4 + 4 + 1 + 1) + buckets.length * 4L;
    }

    ColumnBuffer keyColumn(int k) {
        return rows.column(keyColumns[k]);
    }

    int keyCount() {
        return keyColumns.length;
    }

    /** The first row of the chain where rows with (spread) hash {@code h} are, or -1. */
    int first(int h) {
        return buckets[h & (buckets.length - 1)];
    }

    int next(int row) {
        return next[row];
    }

    /** Whether {@code row} is live, has hash {@code h}, a time in {@code [from, to]} and the probe row's keys. */
    boolean matches(int row, int h, long from, long to, FieldVector[] probeKeys, int probeRow) {
        if (dead[row] || hashes[row] != h || times[row] < from || times[row] > to) {
            return false;
        }
        for (int k = 0; k < keyColumns.length; k++) {
            if (!keyColumn(k).equalsRow(row, probeKeys[k], probeRow)) {
                return false;
            }
        }
        return true;
    }

    void markMatched(int row) {
        matched[row] = true;
    }

    /** Adds rows {@code picked[0..count)} of {@code batch} with their times, hashes and matched flags (by batch row). */
    void add(VectorSchemaRoot batch, int[] picked, int count, long[] batchTimes, int[] batchHashes,
            boolean[] batchMatched) {
        int base = rows.size();
        rows.appendRows(batch, picked, count);
        ensure(base + count);
        for (int i = 0; i < count; i++) {
            int r = picked[i];
            index(base + i, batchTimes[r], batchHashes[r], batchMatched[r]);
        }
    }

    private void index(int row, long time, int hash, boolean wasMatched) {
        times[row] = time;
        hashes[row] = hash;
        matched[row] = wasMatched;
        dead[row] = false;
        live++;
        if (row + 1 > buckets.length / 2) {
            rehash(row + 1);
        } else {
            link(row);
        }
        Long slot = Math.floorDiv(time, SLOT_MILLIS);
        Integer head = slots.get(slot);
        slotNext[row] = head == null ? -1 : head;
        slots.put(slot, row);
    }

    private void link(int row) {
        int b = hashes[row] & (buckets.length - 1);
        next[row] = buckets[b];
        buckets[b] = row;
    }

    /** A larger bucket array holding rows {@code [0, size)} (the live ones), linked in row order. */
    private void rehash(int size) {
        buckets = new int[Integer.highestOneBit(Math.max(16, size * 4 - 1)) << 1];
        Arrays.fill(buckets, -1);
        for (int r = 0; r < size; r++) {
            if (!dead[r]) {
                link(r);
            }
        }
    }

    private void ensure(int n) {
        if (times.length >= n) {
            return;
        }
        int cap = Math.max(n, times.length * 2);
        times = Arrays.copyOf(times, cap);
        hashes = Arrays.copyOf(hashes, cap);
        next = Arrays.copyOf(next, cap);
        slotNext = Arrays.copyOf(slotNext, cap);
        matched = Arrays.copyOf(matched, cap);
        dead = Arrays.copyOf(dead, cap);
    }

    /** What {@link #expire} hands over: the expired rows that never matched, in groups. */
    interface Unmatched {
        void rows(int[] rows, int count);
    }

    /**
     * Expires every row with time {@code <= cutoff}; gives those that never matched to
     * {@code unmatched} (null: not wanted) before they are forgotten, then compacts if worthwhile.
     */
    void expire(long cutoff, Unmatched unmatched, int[] scratch) {
        int count = 0;
        while (!slots.isEmpty()) {
            Map.Entry<Long, Integer> e = slots.firstEntry();
            long slotStart = e.getKey() * SLOT_MILLIS;
            if (slotStart > cutoff) {
                break;
            }
            boolean whole = slotStart + SLOT_MILLIS - 1 <= cutoff;
            // rows of a slot, oldest first, so padded rows come out in arrival order
            int n = 0;
            for (int r = e.getValue(); r >= 0; r = slotNext[r]) {
                n++;
            }
            int[] chain = new int[n];
            int i = n;
            for (int r = e.getValue(); r >= 0; r = slotNext[r]) {
                chain[--i] = r;
            }
            for (int r : chain) {
                if (dead[r] || times[r] > cutoff) {
                    continue;
                }
                dead[r] = true;
                live--;
                if (unmatched != null && !matched[r]) {
                    scratch[count++] = r;
                    if (count == scratch.length) {
                        unmatched.rows(scratch, count);
                        count = 0;
                    }
                }
            }
            if (!whole) {
                break;
            }
            slots.pollFirstEntry();
        }
        if (count > 0) {
            unmatched.rows(scratch, count);
        }
        int size = rows.size();
        if (size - live > live && size - live >= MIN_COMPACT) {
            compact();
        }
    }

    /** Keeps only live rows, in their order, and rebuilds both indexes. */
    private void compact() {
        int size = rows.size();
        RowBuffer kept = new RowBuffer(types);
        long[] t = new long[Math.max(1024, live * 2)];
        int[] h = new int[t.length];
        boolean[] m = new boolean[t.length];
        int n = 0;
        for (int r = 0; r < size; r++) {
            if (!dead[r]) {
                kept.appendFrom(rows, r);
                t[n] = times[r];
                h[n] = hashes[r];
                m[n] = matched[r];
                n++;
            }
        }
        load(kept, t, h, m, n);
    }

    private void load(RowBuffer kept, long[] t, int[] h, boolean[] m, int n) {
        rows = kept;
        times = new long[Math.max(1024, n * 2)];
        hashes = new int[times.length];
        next = new int[times.length];
        slotNext = new int[times.length];
        matched = new boolean[times.length];
        dead = new boolean[times.length];
        buckets = new int[16];
        Arrays.fill(buckets, -1);
        slots.clear();
        live = 0;
        for (int r = 0; r < n; r++) {
            index(r, t[r], h[r], m[r]);
        }
    }

    /**
     * Writes the live rows in order: their count (int), the rows ({@link RowBuffer#snapshot}), then
     * their times (longs), key hashes (ints) and matched flags (bits).
     */
    void snapshot(DataOutputStream out) throws IOException {
        RowBuffer kept = rows;
        int size = rows.size();
        if (live != size) {
            kept = new RowBuffer(types);
            for (int r = 0; r < size; r++) {
                if (!dead[r]) {
                    kept.appendFrom(rows, r);
                }
            }
        }
        long[] t = new long[live];
        int[] h = new int[live];
        boolean[] m = new boolean[live];
        int n = 0;
        for (int r = 0; r < size; r++) {
            if (!dead[r]) {
                t[n] = times[r];
                h[n] = hashes[r];
                m[n++] = matched[r];
            }
        }
        out.writeInt(live);
        kept.snapshot(out);
        StateIO.writeLongs(out, t, 0, n);
        StateIO.writeInts(out, h, 0, n);
        StateIO.writeBits(out, m, 0, n);
    }

    /** Replaces the state with what {@link #snapshot} wrote. */
    void restore(DataInputStream in) throws IOException {
        int n = StateIO.readCount(in, "interval join rows");
        RowBuffer kept = new RowBuffer(types);
        kept.restore(in);
        if (kept.size() != n) {
            throw new IOException("damaged interval join state: " + kept.size() + " rows where " + n + " were written");
        }
        long[] t = new long[n];
        int[] h = new int[n];
        boolean[] m = new boolean[n];
        StateIO.readLongs(in, t, 0, n);
        StateIO.readInts(in, h, 0, n);
        StateIO.readBits(in, m, 0, n);
        load(kept, t, h, m, n);
    }
}
