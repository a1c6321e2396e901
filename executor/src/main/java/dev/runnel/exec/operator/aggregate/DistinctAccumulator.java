package dev.runnel.exec.operator.aggregate;

import dev.runnel.sql.type.DataType;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * An aggregate over DISTINCT arguments: a {@link GroupByHash} keyed by (group id, argument values)
 * is the per-group set of values seen; only a row whose tuple is new reaches the wrapped
 * accumulator. Single-threaded.
 */
final class DistinctAccumulator implements Accumulator {
    private final Accumulator inner;
    private final GroupByHash seen;
    private int[] tupleIds = new int[0];
    private int[] firstRows = new int[0];

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
        int maxRow = 0;
        for (int k = 0; k < count; k++) {
            maxRow = Math.max(maxRow, rows[k]);
        }
        if (tupleIds.length <= maxRow) {
            tupleIds = new int[maxRow + 1];
        }
        if (firstRows.length < count) {
            firstRows = new int[count];
        }
        int next = seen.groupCount();
        seen.assign(args, groupIds, rows, count, tupleIds);
        int firsts = 0;
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (tupleIds[r] == next) {
                firstRows[firsts++] = r;
                next++;
            }
        }
        inner.add(groupIds, firstRows, firsts, args);
    }

    @Override
    public void write(int first, int count, FieldVector out) {
        inner.write(first, count, out);
    }

    @Override
    public long retainedBytes() {
        return inner.retainedBytes() + seen.retainedBytes();
    }
}
