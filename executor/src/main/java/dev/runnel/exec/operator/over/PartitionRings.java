package dev.runnel.exec.operator.over;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One double-ended queue of row indices per partition (a growable ring each, allocated on first
 * use): the rows of a partition's frame in release order, or a MIN/MAX monotonic queue. State
 * ({@link #snapshot}): per partition the size (int) and the rows front to back (ints).
 * Single-threaded.
 */
final class PartitionRings {
    private static final int[] EMPTY = new int[0];

    private int[][] data = new int[16][];
    private int[] head = new int[16];
    private int[] size = new int[16];
    private int groups;

    void ensureGroups(int n) {
        if (n > data.length) {
            int c = Math.max(n, data.length * 2);
            data = Arrays.copyOf(data, c);
            head = Arrays.copyOf(head, c);
            size = Arrays.copyOf(size, c);
        }
        for (int g = groups; g < n; g++) {
            data[g] = EMPTY;
        }
        groups = Math.max(groups, n);
    }

    int size(int g) {
        return size[g];
    }

    /** The {@code i}-th row from the front. */
    int get(int g, int i) {
        int[] d = data[g];
        return d[(head[g] + i) & (d.length - 1)];
    }

    int first(int g) {
        return get(g, 0);
    }

    int last(int g) {
        return get(g, size[g] - 1);
    }

    void addLast(int g, int row) {
        int[] d = data[g];
        if (size[g] == d.length) {
            int[] grown = new int[Math.max(4, d.length * 2)];
            for (int i = 0; i < size[g]; i++) {
                grown[i] = d[(head[g] + i) & (d.length - 1)];
            }
            data[g] = d = grown;
            head[g] = 0;
        }
        d[(head[g] + size[g]) & (d.length - 1)] = row;
        size[g]++;
    }

    void clear(int g) {
        head[g] = 0;
        size[g] = 0;
    }

    int removeFirst(int g) {
        int[] d = data[g];
        int row = d[head[g]];
        head[g] = (head[g] + 1) & (d.length - 1);
        size[g]--;
        return row;
    }

    int removeLast(int g) {
        int[] d = data[g];
        size[g]--;
        return d[(head[g] + size[g]) & (d.length - 1)];
    }

    /** Marks every row held in {@code live}. */
    void mark(boolean[] live) {
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < size[g]; i++) {
                live[get(g, i)] = true;
            }
        }
    }

    /** Replaces every row index {@code r} by {@code map[r]}. */
    void renumber(int[] map) {
        for (int g = 0; g < groups; g++) {
            int[] d = data[g];
            for (int i = 0; i < size[g]; i++) {
                int at = (head[g] + i) & (d.length - 1);
                d[at] = map[d[at]];
            }
        }
    }

    long retainedBytes() {
        long b = 12L * data.length;
        for (int g = 0; g < groups; g++) {
            b += 4L * data[g].length;
        }
        return b;
    }

    void snapshot(DataOutputStream out) throws IOException {
        out.writeInt(groups);
        int[] rows = new int[0];
        for (int g = 0; g < groups; g++) {
            int n = size[g];
            if (rows.length < n) {
                rows = new int[n];
            }
            for (int i = 0; i < n; i++) {
                rows[i] = get(g, i);
            }
            out.writeInt(n);
            StateIO.writeInts(out, rows, 0, n);
        }
    }

    /** Reads what {@link #snapshot} wrote into this empty instance; row indices below {@code rowCount}. */
    void restore(DataInputStream in, int rowCount) throws IOException {
        int n = StateIO.readCount(in, "partitions of OVER rows");
        ensureGroups(n);
        for (int g = 0; g < n; g++) {
            int count = StateIO.readCount(in, "OVER rows of a partition");
            int capacity = Integer.highestOneBit(Math.max(4, count) * 2 - 1);
            data[g] = count == 0 ? EMPTY : new int[capacity];
            StateIO.readInts(in, data[g], 0, count);
            for (int i = 0; i < count; i++) {
                if (data[g][i] < 0 || data[g][i] >= rowCount) {
                    throw new IOException("damaged OVER state: row " + data[g][i] + " of " + rowCount);
                }
            }
            head[g] = 0;
            size[g] = count;
        }
    }
}
