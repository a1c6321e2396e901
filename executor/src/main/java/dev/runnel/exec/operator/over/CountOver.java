package dev.runnel.exec.operator.over;

import dev.runnel.exec.rows.ColumnBuffer;
import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/** COUNT(*) or COUNT(x) OVER: a count per partition. State: the counts (longs). Single-threaded. */
final class CountOver implements OverAccumulator {
    private final int column;
    private ColumnBuffer arg;
    private long[] counts = new long[16];

    /** @param column the counted column, -1 for COUNT(*) */
    CountOver(int column) {
        this.column = column;
    }

    @Override
    public void bind(dev.runnel.exec.rows.RowBuffer rows) {
        arg = column < 0 ? null : rows.column(column);
    }

    @Override
    public void ensureGroups(int groups) {
        if (groups > counts.length) {
            counts = Arrays.copyOf(counts, Math.max(groups, counts.length * 2));
        }
    }

    @Override
    public void add(int g, int row) {
        if (arg == null || !arg.isNull(row)) {
            counts[g]++;
        }
    }

    @Override
    public void reset(int g) {
        counts[g] = 0;
    }

    @Override
    public void retract(int g, int row) {
        if (arg == null || !arg.isNull(row)) {
            counts[g]--;
        }
    }

    @Override
    public void write(int g, int lastRow, FieldVector out, int outRow) {
        ((BigIntVector) out).set(outRow, counts[g]);
    }

    @Override
    public long retainedBytes() {
        return 8L * counts.length;
    }

    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, 'C');
        StateIO.writeLongs(out, counts, 0, groups);
    }

    @Override
    public void restore(DataInputStream in, int groups, int rowCount) throws IOException {
        StateIO.checkTag(in, 'C', "an OVER COUNT");
        ensureGroups(groups);
        StateIO.readLongs(in, counts, 0, groups);
    }
}
