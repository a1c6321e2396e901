package dev.runnel.exec.rows;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/** DOUBLE values in a {@code double[]}; -0.0 equals 0.0 and NaN equals NaN (and sorts last). Single-threaded. */
public final class DoubleColumn extends ColumnBuffer {
    private double[] values = new double[16];

    private void ensure(int n) {
        if (n > values.length) {
            values = Arrays.copyOf(values, grow(values.length, n));
        }
    }

    static double read(FieldVector v, int row) {
        return ((Float8Vector) v).getDataBuffer().getDouble((long) row << 3);
    }

    /** Hash consistent with {@link #equal}. */
    static int hashDouble(double d) {
        return mix(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
    }

    static boolean equal(double a, double b) {
        return a == b || (a != a && b != b);
    }

    /** Total order: -0.0 = 0.0, NaN above every number. */
    public static int compareDoubles(double a, double b) {
        return a == b ? 0 : Double.compare(a, b);
    }

    public double getDouble(int idx) {
        return values[idx];
    }

    @Override
    public void append(FieldVector v, int row) {
        ensure(size + 1);
        boolean isNull = v.isNull(row);
        values[size] = isNull ? 0.0 : read(v, row);
        setNullBit(size++, isNull);
    }

    @Override
    public void appendNull() {
        ensure(size + 1);
        values[size] = 0.0;
        setNullBit(size++, true);
    }

    @Override
    public void appendFrom(ColumnBuffer other, int idx) {
        ensure(size + 1);
        boolean isNull = other.isNull(idx);
        values[size] = isNull ? 0.0 : ((DoubleColumn) other).values[idx];
        setNullBit(size++, isNull);
    }

    @Override
    public int hash(int idx) {
        return isNull(idx) ? NULL_HASH : hashDouble(values[idx]);
    }

    @Override
    public int hashRow(FieldVector v, int row) {
        return v.isNull(row) ? NULL_HASH : hashDouble(read(v, row));
    }

    @Override
    public int hashValue(Object v) {
        return v == null ? NULL_HASH : hashDouble(((Number) v).doubleValue());
    }

    @Override
    public boolean equalsValue(int idx, Object v) {
        return isNull(idx) ? v == null : v != null && equal(values[idx], ((Number) v).doubleValue());
    }

    @Override
    public boolean equalsRow(int idx, FieldVector v, int row) {
        boolean n = v.isNull(row);
        return isNull(idx) ? n : !n && equal(values[idx], read(v, row));
    }

    @Override
    public int compare(int a, int b) {
        return compareDoubles(values[a], values[b]);
    }

    @Override
    public int compareRow(int idx, FieldVector v, int row) {
        return compareDoubles(values[idx], read(v, row));
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
            ((Float8Vector) out).set(outRow, values[idx]);
        }
    }

    @Override
    public Object get(int idx) {
        return isNull(idx) ? null : values[idx];
    }

    @Override
    public long retainedBytes() {
        return 8L * values.length;
    }

    @Override
    char stateTag() {
        return 'D';
    }

    @Override
    void writeValues(DataOutputStream out) throws IOException {
        StateIO.writeDoubles(out, values, 0, size);
    }

    @Override
    void readValues(DataInputStream in, int n) throws IOException {
        ensure(n);
        StateIO.readDoubles(in, values, 0, n);
    }
}
