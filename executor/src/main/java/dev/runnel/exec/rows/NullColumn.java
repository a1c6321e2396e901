package dev.runnel.exec.rows;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.arrow.vector.FieldVector;

/** Values of the NULL type: only a count. Single-threaded. */
public final class NullColumn extends ColumnBuffer {
    @Override
    public void append(FieldVector v, int row) {
        appendNull();
    }

    @Override
    public void appendNull() {
        setNullBit(size++, true);
    }

    @Override
    public void appendFrom(ColumnBuffer other, int idx) {
        appendNull();
    }

    @Override
    public int hash(int idx) {
        return NULL_HASH;
    }

    @Override
    public int hashRow(FieldVector v, int row) {
        return NULL_HASH;
    }

    @Override
    public int hashValue(Object v) {
        return NULL_HASH;
    }

    @Override
    public boolean equalsValue(int idx, Object v) {
        return v == null;
    }

    @Override
    public boolean equalsRow(int idx, FieldVector v, int row) {
        return true;
    }

    @Override
    public int compare(int a, int b) {
        return 0;
    }

    @Override
    public int compareRow(int idx, FieldVector v, int row) {
        return 0;
    }

    @Override
    void moveValues(int[] kept, int count) {
        // no values
    }

    @Override
    public void write(int idx, FieldVector out, int outRow) {
        // a NullVector holds nothing
    }

    @Override
    public Object get(int idx) {
        return null;
    }

    @Override
    public long retainedBytes() {
        return size / 8;
    }

    @Override
    char stateTag() {
        return 'N';
    }

    /** Nothing beyond the count and the null bits. */
    @Override
    void writeValues(DataOutputStream out) {
        // a NULL column holds no values
    }

    @Override
    void readValues(DataInputStream in, int n) {
        // nothing to read
    }
}
