package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/**
 * SINGLE_VALUE: the value of a scalar subquery's only row (NULL for none); a second row in a group
 * is an error, as SQL requires ("more than one row returned by a subquery used as an expression").
 * Wraps an ANY_VALUE accumulator and counts rows per group. Single-threaded.
 */
final class SingleValueAccumulator implements Accumulator {
    private final Accumulator inner;
    private int[] rowsSeen = new int[16];

    SingleValueAccumulator(Accumulator inner) {
        this.inner = inner;
    }

    @Override
    public void ensureGroups(int groups) {
        inner.ensureGroups(groups);
        if (groups > rowsSeen.length) {
            rowsSeen = Arrays.copyOf(rowsSeen, Accumulator.capacity(rowsSeen.length, groups));
        }
    }

    @Override
    public void add(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        for (int k = 0; k < count; k++) {
            if (++rowsSeen[groupIds[rows[k]]] > 1) {
                throw new RunnelSqlException("21000",
                        "more than one row returned by a subquery used as an expression", SourcePos.UNKNOWN);
            }
        }
        inner.add(groupIds, rows, count, args);
    }

    @Override
    public void writeGroup(int group, FieldVector out, int row) {
        inner.writeGroup(group, out, row);
    }

    @Override
    public long retainedBytes() {
        return inner.retainedBytes() + 4L * rowsSeen.length;
    }

    /** The wrapped accumulator's state, then rows seen per group (ints). */
    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, '1');
        inner.snapshot(out, groups);
        StateIO.writeInts(out, rowsSeen, 0, groups);
    }

    @Override
    public void restore(DataInputStream in, int groups) throws IOException {
        StateIO.checkTag(in, '1', "SINGLE_VALUE");
        ensureGroups(groups);
        inner.restore(in, groups);
        StateIO.readInts(in, rowsSeen, 0, groups);
    }
}
