package dev.runnel.exec.rows;

import dev.runnel.exec.state.StateIO;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Rows of a fixed list of types kept column by column in {@link ColumnBuffer}s, addressed by a
 * dense row index: what sort and the join build side keep of their input once its batches are
 * gone. State ({@link #snapshot}): the column count (int), the row count (int), then each
 * column's {@link ColumnBuffer#snapshot}. Single-threaded.
 */
public final class RowBuffer {
    private final List<DataType> types;
    private final ColumnBuffer[] columns;
    private int rows;

    public RowBuffer(List<DataType> types) {
        this.types = List.copyOf(types);
        this.columns = new ColumnBuffer[types.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = ColumnBuffer.forType(types.get(c));
        }
    }

    public int size() {
        return rows;
    }

    public int columnCount() {
        return columns.length;
    }

    public List<DataType> types() {
        return types;
    }

    public ColumnBuffer column(int c) {
        return columns[c];
    }

    /** Appends rows {@code rowIndices[0..count)} of {@code batch} (same column types, in order). */
    public void appendRows(VectorSchemaRoot batch, int[] rowIndices, int count) {
        for (int c = 0; c < columns.length; c++) {
            columns[c].appendRows(batch.getVector(c), rowIndices, count);
        }
        rows += count;
    }

    /** Appends row {@code idx} of {@code other} (same types). */
    public void appendFrom(RowBuffer other, int idx) {
        for (int c = 0; c < columns.length; c++) {
            columns[c].appendFrom(other.columns[c], idx);
        }
        rows++;
    }

    /**
     * Writes rows {@code indices[from..from+count)} into rows {@code 0..count)} of {@code out}'s
     * columns {@code firstColumn..firstColumn+columnCount())}, which must be allocated for
     * {@code count} values.
     */
    public void write(int[] indices, int from, int count, VectorSchemaRoot out, int firstColumn) {
        for (int c = 0; c < columns.length; c++) {
            columns[c].write(indices, from, count, out.getVector(firstColumn + c));
        }
    }

    /** Row {@code idx} as Java values. */
    public List<Object> row(int idx) {
        List<Object> r = new ArrayList<>(columns.length);
        for (ColumnBuffer c : columns) {
            r.add(c.get(idx));
        }
        return r;
    }

    /** Row {@code idx} as Java values, in a new array. */
    public Object[] values(int idx) {
        Object[] r = new Object[columns.length];
        for (int c = 0; c < columns.length; c++) {
            r[c] = columns[c].get(idx);
        }
        return r;
    }

    public void clear() {
        for (ColumnBuffer c : columns) {
            c.clear();
        }
        rows = 0;
    }

    public long retainedBytes() {
        long b = 0;
        for (ColumnBuffer c : columns) {
            b += c.retainedBytes();
        }
        return b;
    }

    /** Writes every row (see the class comment). */
    public void snapshot(DataOutputStream out) throws IOException {
        out.writeInt(columns.length);
        out.writeInt(rows);
        for (ColumnBuffer c : columns) {
            c.snapshot(out);
        }
    }

    /** Replaces the rows with those {@link #snapshot} wrote for a buffer of the same types. */
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkCount(in, columns.length, "columns in a row buffer");
        int n = StateIO.readCount(in, "rows");
        for (ColumnBuffer c : columns) {
            c.restore(in);
            if (c.size() != n) {
                throw new IOException("damaged row buffer state: a column of " + c.size() + " values in " + n + " rows");
            }
        }
        rows = n;
    }

    /**
     * Keeps only the rows that {@code lists[g][0 .. sizes[g])} name (for each of the first
     * {@code groups} lists), in their order here, moved down in place; the lists are renumbered to
     * the rows' new indices. The columns keep their capacity, so a buffer that is compacted every so
     * often stops growing. How Top-N state drops the rows no list holds any more.
     */
    public void retainOnly(int[][] lists, int[] sizes, int groups) {
        int[] renumbered = new int[rows];
        java.util.Arrays.fill(renumbered, -1);
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < sizes[g]; i++) {
                renumbered[lists[g][i]] = 0;
            }
        }
        int[] kept = new int[rows];
        int count = 0;
        for (int i = 0; i < renumbered.length; i++) {
            if (renumbered[i] == 0) {
                renumbered[i] = count;
                kept[count++] = i;
            }
        }
        for (ColumnBuffer c : columns) {
            c.retain(kept, count);
        }
        rows = count;
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < sizes[g]; i++) {
                lists[g][i] = renumbered[lists[g][i]];
            }
        }
    }
}
