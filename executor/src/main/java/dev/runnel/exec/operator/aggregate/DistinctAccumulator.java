package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import dev.runnel.sql.type.DataType;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * An aggregate over DISTINCT arguments: a {@link GroupByHash} keyed by (group id, argument values)
 * is the per-group set of values, with a multiplicity per tuple; only a row whose tuple becomes
 * present reaches the wrapped accumulator, and over a changelog only a retraction that takes a
 * tuple's last copy is passed on as a retraction. Single-threaded.
 */
final class DistinctAccumulator implements Accumulator {
    private final Accumulator inner;
    private final GroupByHash seen;
    private long[] multiplicity = new long[16];
    private int[] tupleIds = new int[0];
    private int[] changed = new int[0];

    DistinctAccumulator(Accumulator inner, List<DataType> argTypes) {
        this.inner = inner;
        this.seen = new GroupByHash(argTypes, true);
    }

    @Override
    public void ensureGroups(int groups) {
        inner.ensureGroups(groups);
    }

    @Override
    public void add(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        tuples(groupIds, rows, count, args);
        int firsts = 0;
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (multiplicity[tupleIds[r]]++ == 0) {
                changed[firsts++] = r;
            }
        }
        inner.add(groupIds, changed, firsts, args);
    }

    @Override
    public boolean retractable() {
        return inner.retractable();
    }

    @Override
    public void retract(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        tuples(groupIds, rows, count, args);
        int lasts = 0;
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (--multiplicity[tupleIds[r]] == 0) {
                changed[lasts++] = r;
            }
        }
        inner.retract(groupIds, changed, lasts, args);
    }

    /** Fills {@code tupleIds[row]} for the rows, making room for their multiplicities. */
    private void tuples(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        int maxRow = 0;
        for (int k = 0; k < count; k++) {
            maxRow = Math.max(maxRow, rows[k]);
        }
        if (tupleIds.length <= maxRow) {
            tupleIds = new int[maxRow + 1];
        }
        if (changed.length < count) {
            changed = new int[count];
        }
        seen.assign(args, groupIds, rows, count, tupleIds);
        int n = seen.groupCount();
        if (multiplicity.length < n) {
            multiplicity = Arrays.copyOf(multiplicity, Accumulator.capacity(multiplicity.length, n));
        }
    }

    @Override
    public void writeGroup(int group, FieldVector out, int row) {
        inner.writeGroup(group, out, row);
    }

    @Override
    public long retainedBytes() {
        return inner.retainedBytes() + seen.retainedBytes() + 8L * multiplicity.length;
    }

    /** The wrapped accumulator's state, the set of (group, argument) tuples, then each tuple's multiplicity. */
    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, 'X');
        inner.snapshot(out, groups);
        seen.snapshot(out);
        StateIO.writeLongs(out, multiplicity, 0, seen.groupCount());
    }

    @Override
    public void restore(DataInputStream in, int groups) throws IOException {
        StateIO.checkTag(in, 'X', "a DISTINCT aggregate");
        inner.restore(in, groups);
        seen.restore(in);
        int tuples = seen.groupCount();
        multiplicity = new long[Accumulator.capacity(16, tuples)];
        StateIO.readLongs(in, multiplicity, 0, tuples);
    }
}
