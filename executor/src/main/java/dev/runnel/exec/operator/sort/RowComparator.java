package dev.runnel.exec.operator.sort;

import dev.runnel.exec.rows.ColumnBuffer;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.planner.physical.SortNode.SortKey;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Orders rows of a {@link RowBuffer} by sort keys: direction per key, NULLs first or last as asked. Single-threaded. */
public final class RowComparator implements IntSorter.IntComparator {
    private final ColumnBuffer[] columns;
    private final boolean[] descending;
    private final boolean[] nullsFirst;
    private final int[] columnIndices;

    public RowComparator(RowBuffer rows, List<SortKey> keys) {
        columns = new ColumnBuffer[keys.size()];
        descending = new boolean[keys.size()];
        nullsFirst = new boolean[keys.size()];
        columnIndices = new int[keys.size()];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = rows.column(keys.get(k).column());
            descending[k] = keys.get(k).descending();
            nullsFirst[k] = keys.get(k).nullsFirst();
            columnIndices[k] = keys.get(k).column();
        }
    }

    /**
     * Orders row {@code a} of the buffer against row {@code row} of {@code batch} (a batch of the
     * buffer's columns), as {@link #compare} would once the batch row were in the buffer.
     */
    public int compareToRow(int a, VectorSchemaRoot batch, int row) {
        for (int k = 0; k < columns.length; k++) {
            ColumnBuffer c = columns[k];
            FieldVector v = batch.getVector(columnIndices[k]);
            boolean na = c.isNull(a);
            boolean nb = v.isNull(row);
            if (na || nb) {
                if (na && nb) {
                    continue;
                }
                return na == nullsFirst[k] ? -1 : 1;
            }
            int cmp = c.compareRow(a, v, row);
            if (cmp != 0) {
                return descending[k] ? -Integer.signum(cmp) : Integer.signum(cmp);
            }
        }
        return 0;
    }

    @Override
    public int compare(int a, int b) {
        for (int k = 0; k < columns.length; k++) {
            ColumnBuffer c = columns[k];
            boolean na = c.isNull(a);
            boolean nb = c.isNull(b);
            if (na || nb) {
                if (na && nb) {
                    continue;
                }
                return na == nullsFirst[k] ? -1 : 1;
            }
            int cmp = c.compare(a, b);
            if (cmp != 0) {
                return descending[k] ? -Integer.signum(cmp) : Integer.signum(cmp);
            }
        }
        return 0;
    }
}
