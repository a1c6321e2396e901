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

/** BIGINT, TIMESTAMP and INTERVAL DAY TO SECOND values in a {@code long[]}. Single-threaded. */
public final class LongColumn extends ColumnBuffer {
    private long[] values = new long[16];

    private void ensure(int n) {
        if (n > values.length) {
            values = Arrays.copyOf(values, grow(values.length, n));
        }
    }

    public long getLong(int idx) {
        return values[idx];
    }

    public void appendLong(long v) {
        ensure(size + 1);
        values[size] = v;
        setNullBit(size++, false);
    }

    static long read(FieldVector v, int row) {
        return ((BaseFixedWidthVector) v).getDataBuffer().getLong((long) row << 3);
    }

    @Override
    public void append(FieldVector v, int row) {
        ensure(size + 1);
        boolean isNull = v.isNull(row);
        values[size] = isNull ? 0L : read(v, row);
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
            values[size] = isNull ? 0L : data.getLong((long) row << 3);
            setNullBit(size++, isNull);
        }
    }

    @Override
    public void appendNull() {
        ensure(size + 1);
        values[size] = 0L;
        setNullBit(size++, true);
    }

    @Override
    public void appendFrom(ColumnBuffer other, int idx) {
        if (other.isNull(idx)) {
            appendNull();
        } else {
            appendLong(((LongColumn) other).values[idx]);
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
            int h = BitVectorHelper.get(validity, r) == 0 ? NULL_HASH : mix(data.getLong((long) r << 3));
            hashes[r] = hashes[r] * 31 + h;
        }
    }

    @Override
    public int hashValue(Object v) {
        return v == null ? NULL_HASH : mix(((Number) v).longValue());
    }

    @Override
    public boolean equalsValue(int idx, Object v) {
        return isNull(idx) ? v == null : v != null && values[idx] == ((Number) v).longValue();
    }

    @Override
    public boolean equalsRow(int idx, FieldVector v, int row) {
        boolean n = v.isNull(row);
        return isNull(idx) ? n : !n && values[idx] == read(v, row);
    }

    @Override
    public int compare(int a, int b) {
        return Long.compare(values[a], values[b]);
    }

    @Override
    public int compareRow(int idx, FieldVector v, int row) {
        return Long.compare(values[idx], read(v, row));
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
            ((BaseFixedWidthVector) out).getDataBuffer().setLong((long) outRow << 3, values[idx]);
            BitVectorHelper.setBit(out.getValidityBuffer(), outRow);
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
        return 'L';
    }

    @Override
    void writeValues(DataOutputStream out) throws IOException {
        StateIO.writeLongs(out, values, 0, size);
    }

    @Override
    void readValues(DataInputStream in, int n) throws IOException {
        ensure(n);
        StateIO.readLongs(in, values, 0, n);
    }
}
