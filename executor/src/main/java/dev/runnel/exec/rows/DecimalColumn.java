package dev.runnel.exec.rows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;

/** DECIMAL values as {@link BigDecimal}s, compared by value whatever their scale. Single-threaded. */
public final class DecimalColumn extends ColumnBuffer {
    private BigDecimal[] values = new BigDecimal[16];

    private void ensure(int n) {
        if (n > values.length) {
            values = Arrays.copyOf(values, grow(values.length, n));
        }
    }

    static int hashDecimal(BigDecimal d) {
        return DoubleColumn.hashDouble(d.doubleValue());
    }

    public BigDecimal getDecimal(int idx) {
        return values[idx];
    }

    @Override
    public void append(FieldVector v, int row) {
        ensure(size + 1);
        boolean isNull = v.isNull(row);
        values[size] = isNull ? null : ((DecimalVector) v).getObjectNotNull(row);
        setNullBit(size++, isNull);
    }

    @Override
    public void appendNull() {
        ensure(size + 1);
        values[size] = null;
        setNullBit(size++, true);
    }

    @Override
    public void appendFrom(ColumnBuffer other, int idx) {
        ensure(size + 1);
        boolean isNull = other.isNull(idx);
        values[size] = isNull ? null : ((DecimalColumn) other).values[idx];
        setNullBit(size++, isNull);
    }

    @Override
    public int hash(int idx) {
        return isNull(idx) ? NULL_HASH : hashDecimal(values[idx]);
    }

    @Override
    public int hashRow(FieldVector v, int row) {
        return v.isNull(row) ? NULL_HASH : hashDecimal(((DecimalVector) v).getObjectNotNull(row));
    }

    @Override
    public int hashValue(Object v) {
        return v == null ? NULL_HASH : hashDecimal((java.math.BigDecimal) v);
    }

    @Override
    public boolean equalsValue(int idx, Object v) {
        return isNull(idx) ? v == null : v != null && values[idx].compareTo((java.math.BigDecimal) v) == 0;
    }

    @Override
    public boolean equalsRow(int idx, FieldVector v, int row) {
        boolean n = v.isNull(row);
        return isNull(idx) ? n : !n && values[idx].compareTo(((DecimalVector) v).getObjectNotNull(row)) == 0;
    }

    @Override
    public int compare(int a, int b) {
        return values[a].compareTo(values[b]);
    }

    @Override
    public int compareRow(int idx, FieldVector v, int row) {
        return values[idx].compareTo(((DecimalVector) v).getObjectNotNull(row));
    }

    @Override
    void moveValues(int[] kept, int count) {
        for (int k = 0; k < count; k++) {
            values[k] = values[kept[k]];
        }
        Arrays.fill(values, count, size, null);
    }

    @Override
    public void write(int idx, FieldVector out, int outRow) {
        if (isNull(idx)) {
            BitVectorHelper.unsetBit(out.getValidityBuffer(), outRow);
        } else {
            DecimalVector d = (DecimalVector) out;
            d.set(outRow, values[idx].setScale(d.getScale(), RoundingMode.HALF_UP));
        }
    }

    @Override
    public Object get(int idx) {
        return values[idx];
    }

    @Override
    public void clear() {
        Arrays.fill(values, 0, size, null);
        super.clear();
    }

    @Override
    public long retainedBytes() {
        return 40L * values.length;
    }

    @Override
    char stateTag() {
        return 'M';
    }

    /** Each non-NULL value as {@link StateIO#writeDecimal} (its scale kept); NULLs take no bytes. */
    @Override
    void writeValues(DataOutputStream out) throws IOException {
        for (int i = 0; i < size; i++) {
            if (!isNull(i)) {
                StateIO.writeDecimal(out, values[i]);
            }
        }
    }

    @Override
    void readValues(DataInputStream in, int n) throws IOException {
        ensure(n);
        for (int i = 0; i < n; i++) {
            values[i] = isNull(i) ? null : StateIO.readDecimal(in);
        }
    }
}
