package dev.runnel.exec.rows;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/** BOOLEAN values, one byte each (FALSE sorts before TRUE). Single-threaded. */
public final class BooleanColumn extends ColumnBuffer {
    private byte[] values = new byte[16];

    private void ensure(int n) {
        if (n > values.length) {
            values = Arrays.copyOf(values, grow(values.length, n));
        }
    }

    static int read(FieldVector v, int row) {
        return BitVectorHelper.get(((BitVector) v).getDataBuffer(), row);
    }

    @Override
    public void append(FieldVector v, int row) {
        ensure(size + 1);
        boolean isNull = v.isNull(row);
        values[size] = isNull ? 0 : (byte) read(v, row);
        setNullBit(size++, isNull);
    }

    @Override
    public void appendNull() {
        ensure(size + 1);
        values[size] = 0;
        setNullBit(size++, true);
    }

    @Override
    public void appendFrom(ColumnBuffer other, int idx) {
        ensure(size + 1);
        boolean isNull = other.isNull(idx);
        values[size] = isNull ? 0 : ((BooleanColumn) other).values[idx];
        setNullBit(size++, isNull);
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
    public int hashValue(Object v) {
        return v == null ? NULL_HASH : mix(((Boolean) v) ? 1 : 0);
    }

    @Override
    public boolean equalsValue(int idx, Object v) {
        return isNull(idx) ? v == null : v != null && values[idx] == (((Boolean) v) ? 1 : 0);
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
            ((BitVector) out).set(outRow, values[idx]);
        }
    }

    @Override
    public Object get(int idx) {
        return isNull(idx) ? null : values[idx] != 0;
    }

    @Override
    public long retainedBytes() {
        return values.length;
    }

    @Override
    char stateTag() {
        return 'B';
    }

    /** One byte per value (0 or 1). */
    @Override
    void writeValues(DataOutputStream out) throws IOException {
        out.write(values, 0, size);
    }

    @Override
    void readValues(DataInputStream in, int n) throws IOException {
        ensure(n);
        in.readFully(values, 0, n);
    }
}
