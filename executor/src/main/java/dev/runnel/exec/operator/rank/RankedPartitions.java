package dev.runnel.exec.operator.rank;

import dev.runnel.exec.operator.aggregate.GroupByHash;
import dev.runnel.exec.operator.sort.RowComparator;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.physical.SortNode.SortKey;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The state of a continuous {@link TopNOperator}: per partition (a {@link GroupByHash} id over the
 * partition keys) its current top {@code keep} rows, best first, as indices into one
 * {@link RowBuffer} that holds rows in arrival order (so an index is also the arrival order that
 * breaks ties). Each new row finds its rank by binary search. The caller is told, per input batch
 * and rank by rank, what the batch changed ({@link Changes}): the batch's rows are all ranked first,
 * then each partition the batch touched compares its list as it was before the batch (what the
 * caller emitted last) with its list now, so a rank that changed several times within the batch is
 * reported once, as its net change, and a rank that holds the same row as before is not reported
 * (Flink's mini-batch folding, with the input batch as the mini-batch). A row that cannot rank (its
 * partition is full and it does not beat the last row) is never copied into the buffer. Rows that
 * fell out of every top list stay in the buffer until they outnumber the live ones; then the live
 * rows move down over them ({@link #compactIfSparse}, only between batches, so indices handed to
 * {@link Changes} stay valid until the caller wrote them).
 *
 * <p>State ({@link #snapshot}): the live row count (int), the row buffer ({@code RowBuffer.snapshot}),
 * the partitions ({@code GroupByHash.snapshot}), then per partition its row count (int) and row
 * indices best first (ints). Single-threaded.
 */
final class RankedPartitions {
    private static final int SLACK_ROWS = 4096;

    /** Receives the net changes of one input batch: rank {@code rank} (1-based) of a partition. */
    interface Changes {
        /** The row at {@code rank} was {@code oldRow} (or none: -1) and is now {@code newRow}. */
        void changed(int oldRow, int newRow, long rank);
    }

    private final List<SortKey> order;
    private final boolean laterFirst;
    private final int keep;
    private final GroupByHash partitions;
    private RowBuffer rows;
    private RowComparator byKeys;
    private int[][] lists = new int[16][];
    private int[] sizes = new int[16];
    private int live;
    /** Bytes of the partitions' rank lists, kept as they grow (the state size is reported every batch). */
    private long listBytes;
    private int[] groupIds = new int[0];
    private int[] all = new int[0];
    private int[] candidates = new int[0];
    /** Per partition, the batch ({@link #epoch}) that last touched its list. */
    private int[] touchedIn = new int[16];
    private int epoch;
    /** The partitions the current batch touched, in order of first touch, and where their old lists start in {@link #before}. */
    private int[] touched = new int[64];
    private int[] beforeStart = new int[65];
    private int touchedCount;
    /** The touched partitions' lists as they were before the batch, one after another. */
    private int[] before = new int[256];

    RankedPartitions(List<DataType> keyTypes, List<DataType> rowTypes, List<SortKey> order, boolean laterFirst,
            int keep) {
        this.order = order;
        this.laterFirst = laterFirst;
        this.keep = keep;
        this.partitions = new GroupByHash(keyTypes, false);
        this.rows = new RowBuffer(rowTypes);
        this.byKeys = new RowComparator(rows, order);
    }

    RowBuffer rows() {
        return rows;
    }

    /**
     * Adds the rows of {@code batch} in order, ranking each within its partition (keys in
     * {@code keys}), then reports the ranks from {@code firstRank} on that the batch changed, per
     * touched partition in order of first touch, ranks in order; for each, the row that held it
     * after the previous batch (or none) and the row that holds it now. The rows reported stay in
     * {@link #rows()} until {@link #compactIfSparse}.
     */
    void add(VectorSchemaRoot batch, FieldVector[] keys, long firstRank, Changes changes) {
        int n = batch.getRowCount();
        if (all.length < n) {
            all = new int[Math.max(n, 1024)];
            groupIds = new int[all.length];
            candidates = new int[all.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
        }
        partitions.assign(keys, null, all, n, groupIds);
        ensurePartitions(partitions.groupCount());
        int count = candidates(batch, n);
        int first = rows.size();
        rows.appendRows(batch, candidates, count);
        if (++epoch == Integer.MAX_VALUE) {
            Arrays.fill(touchedIn, 0);
            epoch = 1;
        }
        touchedCount = 0;
        for (int k = 0; k < count; k++) {
            insert(groupIds[candidates[k]], first + k);
        }
        report((int) Math.min(firstRank - 1, keep), changes);
    }

    /**
     * Puts in {@link #candidates} the rows of the batch that may rank: those of a partition with
     * fewer than {@code keep} rows and those that go before its last row. The others never rank (a
     * list's last row only gets better), so they are not copied into the buffer at all. Returns
     * their count.
     */
    private int candidates(VectorSchemaRoot batch, int n) {
        int count = 0;
        for (int r = 0; r < n; r++) {
            int g = groupIds[r];
            if (sizes[g] < keep) {
                candidates[count++] = r;
            } else {
                int c = byKeys.compareToRow(lists[g][keep - 1], batch, r); // the last row against this one
                if (c > 0 || c == 0 && laterFirst) {
                    candidates[count++] = r;
                }
            }
        }
        return count;
    }

    /** Reports, per touched partition, each rank from {@code from} whose row differs from before the batch. */
    private void report(int from, Changes changes) {
        for (int t = 0; t < touchedCount; t++) {
            int g = touched[t];
            int[] list = lists[g];
            int size = sizes[g];
            int start = beforeStart[t];
            int oldSize = beforeStart[t + 1] - start;
            for (int i = from; i < size; i++) {
                int old = i < oldSize ? before[start + i] : -1;
                if (old != list[i]) {
                    changes.changed(old, list[i], i + 1);
                }
            }
        }
    }

    /** Remembers partition {@code g}'s list as it was before this batch, the first time the batch changes it. */
    private void touch(int g, int[] list, int size) {
        touchedIn[g] = epoch;
        if (touchedCount == touched.length) {
            touched = Arrays.copyOf(touched, touchedCount * 2);
            beforeStart = Arrays.copyOf(beforeStart, touchedCount * 2 + 1);
        }
        int start = beforeStart[touchedCount];
        if (start + size > before.length) {
            before = Arrays.copyOf(before, Math.max(before.length * 2, start + size));
        }
        if (size > 0) {
            System.arraycopy(list, 0, before, start, size);
        }
        touched[touchedCount++] = g;
        beforeStart[touchedCount] = start + size;
    }

    private void insert(int g, int x) {
        int[] list = lists[g];
        int size = sizes[g];
        int p = position(list, size, x);
        if (p >= keep) {
            return; // below the top: never ranks (later rows only push it further down)
        }
        if (touchedIn[g] != epoch) {
            touch(g, list, size);
        }
        int newSize = Math.min(size + 1, keep);
        if (list == null || size == list.length && size < keep) {
            listBytes -= list == null ? 0 : 16 + 4L * list.length;
            list = list == null ? new int[Math.min(keep, 2)] : Arrays.copyOf(list, Math.min(keep, size * 2));
            lists[g] = list;
            listBytes += 16 + 4L * list.length;
        }
        int last = newSize - 1; // a full list drops its last row
        System.arraycopy(list, p, list, p + 1, last - p);
        list[p] = x;
        if (size < keep) {
            sizes[g] = size + 1;
            live++;
        }
    }

    /** Where {@code x} (newer than every row of the list) goes among {@code list[0..size)}. */
    private int position(int[] list, int size, int x) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = byKeys.compare(x, list[mid]);
            boolean before = c < 0 || c == 0 && laterFirst;
            if (before) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private void ensurePartitions(int n) {
        if (n > lists.length) {
            int c = Math.max(n, lists.length * 2);
            lists = Arrays.copyOf(lists, c);
            sizes = Arrays.copyOf(sizes, c);
            touchedIn = Arrays.copyOf(touchedIn, c);
        }
    }

    /** When dropped rows make up most of the buffer, moves the live ones down (in arrival order) over them. */
    void compactIfSparse() {
        if (rows.size() <= 2 * live + SLACK_ROWS) {
            return;
        }
        rows.retainOnly(lists, sizes, partitions.groupCount());
    }

    long retainedBytes() {
        return rows.retainedBytes() + partitions.retainedBytes() + 16L * lists.length + listBytes;
    }

    void snapshot(DataOutputStream out) throws IOException {
        out.writeInt(live);
        rows.snapshot(out);
        partitions.snapshot(out);
        for (int g = 0; g < partitions.groupCount(); g++) {
            out.writeInt(sizes[g]);
            if (sizes[g] > 0) {
                StateIO.writeInts(out, lists[g], 0, sizes[g]);
            }
        }
    }

    /** Reads what {@link #snapshot} wrote into this empty state of the same query. */
    void restore(DataInputStream in) throws IOException {
        live = StateIO.readCount(in, "live rows");
        listBytes = 0;
        rows.restore(in);
        byKeys = new RowComparator(rows, order);
        partitions.restore(in);
        int groups = partitions.groupCount();
        ensurePartitions(groups);
        for (int g = 0; g < groups; g++) {
            int n = StateIO.readCount(in, "ranked rows");
            if (n > keep) {
                throw new IOException("damaged Top-N state: " + n + " ranked rows where at most " + keep + " are kept");
            }
            sizes[g] = n;
            lists[g] = n == 0 ? null : new int[Math.max(n, Math.min(keep, 2))];
            listBytes += n == 0 ? 0 : 16 + 4L * lists[g].length;
            if (n > 0) {
                StateIO.readInts(in, lists[g], 0, n);
                for (int i = 0; i < n; i++) {
                    if (lists[g][i] < 0 || lists[g][i] >= rows.size()) {
                        throw new IOException("damaged Top-N state: row " + lists[g][i] + " of " + rows.size());
                    }
                }
            }
        }
    }
}
