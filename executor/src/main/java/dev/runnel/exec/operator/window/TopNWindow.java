package dev.runnel.exec.operator.window;

import dev.runnel.exec.operator.aggregate.GroupByHash;
import dev.runnel.exec.operator.sort.IntSorter;
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
 * The state of one window of a {@link WindowTopNOperator} (and of a bounded regular Top-N, one
 * "window" for the whole input): the rows that may still rank within
 * {@code keep}, per partition. Rows are copied into a {@link RowBuffer} in arrival order, so a
 * row's index there is its arrival order; each partition (a {@link GroupByHash} id over the
 * partition keys) lists the indices of its candidates. When a partition has collected
 * {@code 2 * keep} candidates (at least {@code keep + 64}) they are sorted and cut back to the best
 * {@code keep}, so a partition never holds more than that; when rows dropped that way make up most
 * of the buffer, the live ones are copied to a fresh buffer in the same order. Ties on the order
 * keys are broken by arrival: the earlier ranks first, or the later when {@code laterFirst}.
 * Memory: at most {@code max(2 keep, keep + 64)} candidates per partition, and at most twice the
 * live rows (plus {@value #SLACK_ROWS}) in the buffer.
 *
 * <p>State ({@link #snapshot}; the bounds are the operator's to write): the live row count (int),
 * the row buffer as it is ({@code RowBuffer.snapshot}, so candidate indices stay valid), the
 * partitions ({@code GroupByHash.snapshot}), then per partition its candidate count (int) and
 * candidates in their order (ints). Single-threaded.
 */
public final class TopNWindow {
    private static final int SLACK_ROWS = 4096;

    final long start;
    final long end;
    private final GroupByHash partitions;
    private final List<SortKey> order;
    private final boolean laterFirst;
    private final int keep;
    private final int limit;
    private RowBuffer rows;
    private int[][] candidates = new int[16][];
    private int[] counts = new int[16];
    private int live;
    private long candidateBytes;
    private int[] groupIds = new int[0];

    public TopNWindow(long start, long end, List<DataType> keyTypes, List<DataType> rowTypes, List<SortKey> order,
            boolean laterFirst, int keep) {
        this.start = start;
        this.end = end;
        this.partitions = new GroupByHash(keyTypes, false);
        this.rows = new RowBuffer(rowTypes);
        this.order = order;
        this.laterFirst = laterFirst;
        this.keep = keep;
        this.limit = Math.max(2 * keep, keep + 64);
    }

    /** Adds rows {@code selected[0..count)} of {@code batch}, partitioned by the values of {@code keys}. */
    public void add(VectorSchemaRoot batch, FieldVector[] keys, int[] selected, int count) {
        if (groupIds.length < batch.getRowCount()) {
            groupIds = new int[Math.max(batch.getRowCount(), 1024)];
        }
        partitions.assign(keys, null, selected, count, groupIds);
        ensurePartitions(partitions.groupCount());
        int first = rows.size();
        rows.appendRows(batch, selected, count);
        live += count;
        for (int k = 0; k < count; k++) {
            int g = groupIds[selected[k]];
            int[] list = candidates[g];
            int n = counts[g];
            if (list == null || n == list.length) {
                int old = list == null ? 0 : list.length;
                list = list == null ? new int[Math.min(limit, 4)] : Arrays.copyOf(list, Math.min(limit, n * 2));
                candidates[g] = list;
                candidateBytes += 4L * (list.length - old) + (old == 0 ? 16 : 0);
            }
            list[n] = first + k;
            counts[g] = n + 1;
            if (n + 1 == limit) {
                prune(g);
            }
        }
        if (rows.size() > 2 * live + SLACK_ROWS) {
            compact();
        }
    }

    private void ensurePartitions(int n) {
        if (n > candidates.length) {
            int c = Math.max(n, candidates.length * 2);
            candidates = Arrays.copyOf(candidates, c);
            counts = Arrays.copyOf(counts, c);
        }
    }

    /** Sorts partition {@code g}'s candidates best first and keeps the first {@code keep}. */
    private void sort(int g) {
        RowComparator byKeys = new RowComparator(rows, order);
        IntSorter.sort(candidates[g], 0, counts[g], (a, b) -> {
            int c = byKeys.compare(a, b);
            return c != 0 ? c : laterFirst ? Integer.compare(b, a) : Integer.compare(a, b);
        });
    }

    private void prune(int g) {
        sort(g);
        live -= counts[g] - keep;
        counts[g] = keep;
    }

    /** Moves the live rows down in the buffer, in arrival order, and renumbers the candidates. */
    private void compact() {
        rows.retainOnly(candidates, counts, partitions.groupCount());
    }

    /** The number of partitions seen. */
    public int partitionCount() {
        return partitions.groupCount();
    }

    /**
     * Sorts partition {@code g} and returns its ranked rows: {@code ranked()[0..n)} are buffer
     * indices, best first, {@code n} the returned count (at most {@code keep}).
     */
    public int rank(int g) {
        sort(g);
        return Math.min(counts[g], keep);
    }

    /** Partition {@code g}'s candidates (valid after {@link #rank}). */
    public int[] ranked(int g) {
        return candidates[g];
    }

    public RowBuffer rows() {
        return rows;
    }

    public long retainedBytes() {
        return 64 + rows.retainedBytes() + partitions.retainedBytes() + 12L * candidates.length + candidateBytes;
    }

    /** Writes the rows and candidates (see the class comment). */
    public void snapshot(DataOutputStream out) throws IOException {
        out.writeInt(live);
        rows.snapshot(out);
        partitions.snapshot(out);
        for (int g = 0; g < partitions.groupCount(); g++) {
            out.writeInt(counts[g]);
            if (counts[g] > 0) {
                StateIO.writeInts(out, candidates[g], 0, counts[g]);
            }
        }
    }

    /** Reads what {@link #snapshot} wrote into this empty window of the same query. */
    public void restore(DataInputStream in) throws IOException {
        live = StateIO.readCount(in, "live rows");
        rows.restore(in);
        partitions.restore(in);
        int groups = partitions.groupCount();
        ensurePartitions(groups);
        candidateBytes = 0;
        for (int g = 0; g < groups; g++) {
            int n = StateIO.readCount(in, "candidates");
            if (n >= limit) {
                throw new IOException("damaged window Top-N state: " + n + " candidates where at most " + limit
                        + " are kept");
            }
            counts[g] = n;
            candidates[g] = n == 0 ? null : new int[Math.max(n, Math.min(limit, 4))];
            if (n > 0) {
                StateIO.readInts(in, candidates[g], 0, n);
                candidateBytes += 4L * candidates[g].length + 16;
            }
        }
    }
}
