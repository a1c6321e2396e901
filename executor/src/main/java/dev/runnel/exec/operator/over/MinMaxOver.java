package dev.runnel.exec.operator.over;

import dev.runnel.exec.rows.ColumnBuffer;
import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/**
 * MIN(x) or MAX(x) OVER. Over a bounded frame, per partition a monotonic queue of rows: a new
 * non-NULL value drops the rows at the back it beats or ties (they can never be the answer while
 * it is in the frame), the front is the answer, and a row leaving the frame leaves the front if it
 * is there; O(1) amortised per row whatever the frame holds. Over an unbounded frame nothing
 * leaves, and the best row so far is enough. Values are compared in the row buffer, of any type.
 * State: a tag, then the queues ({@link PartitionRings}) or the best rows (ints, -1 for none).
 * Single-threaded.
 */
final class MinMaxOver implements OverAccumulator {
    private final int column;
    private ColumnBuffer arg;
    private final int sign;
    private final PartitionRings queues;
    private int[] best;

    MinMaxOver(int column, boolean max, boolean unbounded) {
        this.column = column;
        this.sign = max ? 1 : -1;
        this.queues = unbounded ? null : new PartitionRings();
        this.best = unbounded ? new int[0] : null;
    }

    @Override
    public void bind(dev.runnel.exec.rows.RowBuffer rows) {
        arg = rows.column(column);
    }

    @Override
    public void ensureGroups(int groups) {
        if (queues != null) {
            queues.ensureGroups(groups);
        } else if (groups > best.length) {
            int old = best.length;
            best = Arrays.copyOf(best, Math.max(groups, old * 2));
            Arrays.fill(best, old, best.length, -1);
        }
    }

    /** Whether row {@code a}'s value is at least as good as row {@code b}'s (greater or equal for MAX). */
    private boolean atLeast(int a, int b) {
        return sign * arg.compare(a, b) >= 0;
    }

    @Override
    public void add(int g, int row) {
        if (arg.isNull(row)) {
            return;
        }
        if (queues == null) {
            if (best[g] < 0 || !atLeast(best[g], row)) {
                best[g] = row;
            }
            return;
        }
        while (queues.size(g) > 0 && atLeast(row, queues.last(g))) {
            queues.removeLast(g);
        }
        queues.addLast(g, row);
    }

    @Override
    public void reset(int g) {
        if (queues != null) {
            queues.clear(g);
        } else {
            best[g] = -1;
        }
    }

    @Override
    public void retract(int g, int row) {
        if (queues != null && queues.size(g) > 0 && queues.first(g) == row) {
            queues.removeFirst(g);
        }
    }

    @Override
    public void write(int g, int lastRow, FieldVector out, int outRow) {
        int row = queues == null ? best[g] : queues.size(g) == 0 ? -1 : queues.first(g);
        if (row >= 0) {
            arg.write(row, out, outRow);
        }
    }

    @Override
    public void mark(boolean[] live) {
        if (queues != null) {
            queues.mark(live);
        } else {
            for (int r : best) {
                if (r >= 0) {
                    live[r] = true;
                }
            }
        }
    }

    @Override
    public void renumber(int[] map) {
        if (queues != null) {
            queues.renumber(map);
        } else {
            for (int g = 0; g < best.length; g++) {
                if (best[g] >= 0) {
                    best[g] = map[best[g]];
                }
            }
        }
    }

    @Override
    public long retainedBytes() {
        return queues != null ? queues.retainedBytes() : 4L * best.length;
    }

    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, 'M');
        if (queues != null) {
            queues.snapshot(out);
        } else {
            StateIO.writeInts(out, best, 0, groups);
        }
    }

    @Override
    public void restore(DataInputStream in, int groups, int rowCount) throws IOException {
        StateIO.checkTag(in, 'M', "an OVER MIN/MAX");
        ensureGroups(groups);
        if (queues != null) {
            queues.restore(in, rowCount);
        } else {
            StateIO.readInts(in, best, 0, groups);
            for (int g = 0; g < groups; g++) {
                if (best[g] < -1 || best[g] >= rowCount) {
                    throw new IOException("damaged OVER MIN/MAX state: row " + best[g] + " of " + rowCount);
                }
            }
        }
    }
}
