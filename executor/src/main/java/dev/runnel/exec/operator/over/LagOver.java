package dev.runnel.exec.operator.over;

import dev.runnel.exec.rows.ColumnBuffer;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.physical.OverAggregateNode.OverCall;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.arrow.vector.FieldVector;

/**
 * LAG(x, n, default) OVER: the value {@code n} rows back from the frame's last row, read from the
 * partition's released rows (the operator keeps at least {@code n + 1} of them); the default
 * column of that last row (or NULL) when the partition has fewer. Holds no state of its own: a
 * tag only. Single-threaded.
 */
final class LagOver implements OverAccumulator {
    private final OverCall call;
    private ColumnBuffer arg;
    private ColumnBuffer dflt;
    private final int offset;
    private final PartitionRings released;

    LagOver(OverCall call, PartitionRings released) {
        this.call = call;
        this.offset = call.offset();
        this.released = released;
    }

    @Override
    public void bind(RowBuffer rows) {
        arg = rows.column(call.arg());
        dflt = call.defaultColumn() < 0 ? null : rows.column(call.defaultColumn());
    }

    @Override
    public void ensureGroups(int groups) {}

    @Override
    public void add(int g, int row) {}

    @Override
    public void reset(int g) {}

    @Override
    public void retract(int g, int row) {}

    @Override
    public void write(int g, int lastRow, FieldVector out, int outRow) {
        int at = released.size(g) - 1 - offset;
        if (at >= 0) {
            int row = released.get(g, at);
            if (!arg.isNull(row)) {
                arg.write(row, out, outRow);
            }
        } else if (dflt != null && !dflt.isNull(lastRow)) {
            dflt.write(lastRow, out, outRow);
        }
    }

    @Override
    public long retainedBytes() {
        return 0;
    }

    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, 'L');
    }

    @Override
    public void restore(DataInputStream in, int groups, int rowCount) throws IOException {
        StateIO.checkTag(in, 'L', "an OVER LAG");
    }
}
