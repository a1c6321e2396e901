package dev.runnel.exec.operator.cep;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One partition's matching state: the rows it still needs (numbered by sequence in the partition's
 * order; their indices in the operator's row store and their event times), its partial matches
 * ({@code runs}, by start then preference) and its complete matches waiting for an earlier-starting
 * partial match to end ({@code completed}, by start then completion), and how many matches it
 * emitted. Single-threaded.
 */
final class MatchPartition implements MatchEvaluator.Rows {
    /** A partial or complete match: program counter, first row's sequence number, the variable of each row. */
    static final class Run {
        final int pc;
        final long start;
        final byte[] vars;
        final int len;
        /** The running aggregates of its rows ({@link RunningAggregates}). */
        final long[] aggregates;

        Run(int pc, long start, byte[] vars, int len, long[] aggregates) {
            this.pc = pc;
            this.start = start;
            this.vars = vars;
            this.len = len;
            this.aggregates = aggregates;
        }
    }

    private int[] rows = new int[8];
    private long[] times = new long[8];
    private int first;
    private int count;
    /** The sequence number of {@code rows[first]}. */
    private long firstSeq;
    List<Run> runs = new ArrayList<>();
    final List<Run> completed = new ArrayList<>();
    long matches;

    /** Adds the next row (its index in the store and its time); returns its sequence number. */
    long append(int rowIndex, long time) {
        if (first + count == rows.length) {
            if (first > 0) {
                System.arraycopy(rows, first, rows, 0, count);
                System.arraycopy(times, first, times, 0, count);
                first = 0;
            }
            if (count == rows.length) {
                rows = Arrays.copyOf(rows, count * 2);
                times = Arrays.copyOf(times, count * 2);
            }
        }
        rows[first + count] = rowIndex;
        times[first + count] = time;
        count++;
        return firstSeq + count - 1;
    }

    @Override
    public int rowIndex(long seq) {
        return rows[first + (int) (seq - firstSeq)];
    }

    long time(long seq) {
        return times[first + (int) (seq - firstSeq)];
    }

    /** How many rows it holds. */
    int rowCount() {
        return count;
    }

    /** Forgets the rows no run or waiting match starts at or after. */
    void release() {
        long keep = firstSeq + count;
        for (Run r : runs) {
            keep = Math.min(keep, r.start);
        }
        for (Run r : completed) {
            keep = Math.min(keep, r.start);
        }
        int drop = (int) (keep - firstSeq);
        first += drop;
        count -= drop;
        firstSeq = keep;
        if (count == 0) {
            first = 0;
        }
    }

    boolean idle() {
        return runs.isEmpty() && completed.isEmpty();
    }

    /** Renumbers the row-store indices after the operator compacted its store ({@code map[old] = new}). */
    void remap(int[] map) {
        for (int i = first; i < first + count; i++) {
            rows[i] = map[rows[i]];
        }
    }

    /** Appends this partition's row-store indices to {@code out}, in order. */
    void rowIndices(List<int[]> out) {
        out.add(Arrays.copyOfRange(rows, first, first + count));
    }

    /**
     * Layout: firstSeq (long), count (int), row indices (ints), times (longs), matches (long), then
     * the runs and the completed matches, each as a count and per match pc (int), start (long),
     * len (int), vars (len bytes), the running aggregates (a count, then longs).
     */
    void snapshot(DataOutputStream out) throws IOException {
        out.writeLong(firstSeq);
        out.writeInt(count);
        StateIO.writeInts(out, rows, first, count);
        StateIO.writeLongs(out, times, first, count);
        out.writeLong(matches);
        writeRuns(out, runs);
        writeRuns(out, completed);
    }

    void restore(DataInputStream in) throws IOException {
        firstSeq = in.readLong();
        count = StateIO.readCount(in, "partition rows");
        first = 0;
        rows = new int[Math.max(8, count)];
        times = new long[rows.length];
        StateIO.readInts(in, rows, 0, count);
        StateIO.readLongs(in, times, 0, count);
        matches = in.readLong();
        runs = readRuns(in);
        completed.clear();
        completed.addAll(readRuns(in));
    }

    private static void writeRuns(DataOutputStream out, List<Run> list) throws IOException {
        out.writeInt(list.size());
        for (Run r : list) {
            out.writeInt(r.pc);
            out.writeLong(r.start);
            out.writeInt(r.len);
            out.write(r.vars, 0, r.len);
            out.writeInt(r.aggregates.length);
            StateIO.writeLongs(out, r.aggregates, 0, r.aggregates.length);
        }
    }

    private static List<Run> readRuns(DataInputStream in) throws IOException {
        int n = StateIO.readCount(in, "partial matches");
        List<Run> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int pc = in.readInt();
            long start = in.readLong();
            int len = StateIO.readCount(in, "match length");
            byte[] vars = new byte[Math.max(len, 4)];
            in.readFully(vars, 0, len);
            long[] aggregates = new long[StateIO.readCount(in, "running aggregates")];
            StateIO.readLongs(in, aggregates, 0, aggregates.length);
            list.add(new Run(pc, start, vars, len, aggregates));
        }
        return list;
    }
}
