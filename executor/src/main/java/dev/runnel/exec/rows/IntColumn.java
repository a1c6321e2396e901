package dev.runnel.exec.rows;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/** INT, DATE and INTERVAL YEAR TO MONTH values in an {@code int[]}. Single-threaded. */
public final class IntColumn extends ColumnBuffer {
    private int[] values = new int[16];

    private void ensure(int n) {
        if (n > values.length) {
            values = Arrays.copyOf(values, grow(values.length, n));
        }
    }

    public int getInt(int idx) {
        return values[idx];
    }

    public void appendInt(int v) {
        ensure(size + 1);
        values[size] = v;
        setNullBit(size++, false);
    }

    static int read(FieldVector v, int row) {
        return ((BaseFixedWidthVector) v).getDataBuffer().getInt((long) row << 2);
    }

    @Override
    public void append(FieldVector v, int row) {
        ensure(size + 1);
        boolean isNull = v.isNull(row);
        values[size] = isNull ? 0 : read(v, row);
        setNullBit(size++, isNull);
    }

    @Override
    public void appendRows(FieldVector v, int[] rows, int count) {
        ensure(size + count);
        ArrowBuf data = ((BaseFixedWidthVector) v).getDataBuffer();
        ArrowBuf validity = v.getValidityBuffer();
        for (int k = 0; k < count; k++) {
            int row = rows[k];
            boolean isNull = BitVectorHelper.get(validity, row) == 0;
            values[size] = isNull ? 0 : data.getInt((long) row << 2);
            setNullBit(size++, isNull);
        }
    }

    @Override
    public void appendNull() {
        ensure(size + 1);
        values[size] = 0;
        setNullBit(size++, true);
    }

    @Override
    public void appendFrom(ColumnBuffer other, int idx) {
        if (other.isNull(idx)) {
            appendNull();
        } else {
            appendInt(((IntColumn) other).values[idx]);
        }
    }

    @Override
    public int hash(int idx) {
        return isNull(idx) ? NULL_HASH : mix(values[idx]);
    }

    @Override
    public int hashRow(FieldVector v, int row) {
        return v.isNull(row) ? NULL_HASH : mix(read(v, row));
    }

    @Override
    public void hashInto(FieldVector v, int[] rows, int count, int[] hashes) {
        ArrowBuf data = ((BaseFixedWidthVector) v).getDataBuffer();
        ArrowBuf validity = v.getValidityBuffer();
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            int h = BitVectorHelper.get(validity, r) == 0 ? NULL_HASH : mix(data.getInt((long) r << 2));
            hashes[r] = hashes[r] * 31 + h;
        }
    }

    @Override
    public int hashValue(Object v) {
        return v == null ? NULL_HASH : mix(((Number) v).intValue());
    }

    @Override
    public boolean equalsValue(int idx, Object v) {
        return isNull(idx) ? v == null : v != null && values[idx] == ((Number) v).intValue();
    }

    @Override
    public boolean equalsRow(int idx, FieldVector v, int row) {
        boolean n = v.isNull(row);
        return isNull(idx) ? n : !n && values[idx] == read(v, row);
    }

    @Override
    public int compare(int a, int b) {
        return Integer.compare(values[a], values[b]);
    }

    @Override
    public int compareRow(int idx, FieldVector v, int row) {
        return Integer.compare(values[idx], read(v, row));
    }

    @Override
    void moveValues(int[] kept, int count) {
        for (int k = 0; k < count; k++) {
            values[k] = values[kept[k]];
        }
    }

    @Override
    public void write(int idx, FieldVector out, int outRow) {
        if (isNull(idx)) {
            BitVectorHelper.unsetBit(out.getValidityBuffer(), outRow);
        } else {
            ((BaseFixedWidthVector) out).getDataBuffer().setInt((long) outRow << 2, values[idx]);
            BitVectorHelper.setBit(out.getValidityBuffer(), outRow);
        }
    }

    @Override
    public Object get(int idx) {
        return isNull(idx) ? null : values[idx];
    }

    @Override
    public long retainedBytes() {
        return 4L * values.length;
    }

    @Override
    char stateTag() {
        return 'I';
    }

    @Override
    void writeValues(DataOutputStream out) throws IOException {
        StateIO.writeInts(out, values, 0, size);
    }

    @Override
    void readValues(DataInputStream in, int n) throws IOException {
        ensure(n);
        StateIO.readInts(in, values, 0, n);
    }
}
