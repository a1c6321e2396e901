package dev.runnel.exec.rows;

import java.nio.charset.StandardCharsets;
import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * VARCHAR values as UTF-8 bytes in one growing {@code byte[]} with an offsets array (value
 * {@code i} is {@code bytes[offsets[i]..offsets[i+1])}), ordered by unsigned bytes, which is code
 * point order. Single-threaded.
 */
public final class BytesColumn extends ColumnBuffer {
    private byte[] bytes = new byte[256];
    private int[] offsets = new int[17];

    private void ensureRows(int n) {
        if (n + 1 > offsets.length) {
            offsets = Arrays.copyOf(offsets, grow(offsets.length, n + 1));
        }
    }

    private void ensureBytes(long n) {
        if (n > bytes.length) {
            if (n > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("VARCHAR column buffer exceeds 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, grow(bytes.length, (int) n));
        }
    }

    /** Hash of UTF-8 bytes; the same for the heap copy and the Arrow buffer. */
    static int hashBytes(byte[] b, int start, int end) {
        int h = 1;
        for (int i = start; i < end; i++) {
            h = 31 * h + b[i];
        }
        return mix(h);
    }

    static int hashBytes(ArrowBuf b, int start, int end) {
        int h = 1;
        for (int i = start; i < end; i++) {
            h = 31 * h + b.getByte(i);
        }
        return mix(h);
    }

    public int start(int idx) {
        return offsets[idx];
    }

    public int end(int idx) {
        return offsets[idx + 1];
    }

    /** The backing array (valid until the next append). */
    public byte[] bytes() {
        return bytes;
    }

    public void appendBytes(byte[] b, int start, int len) {
        ensureRows(size + 1);
        int at = offsets[size];
        ensureBytes((long) at + len);
        System.arraycopy(b, start, bytes, at, len);
        offsets[size + 1] = at + len;
        setNullBit(size++, false);
    }

    @Override
    public void append(FieldVector v, int row) {
        if (v.isNull(row)) {
            appendNull();
            return;
        }
        VarCharVector s = (VarCharVector) v;
        int start = s.getStartOffset(row);
        int len = s.getEndOffset(row) - start;
        ensureRows(size + 1);
        int at = offsets[size];
        ensureBytes((long) at + len);
        s.getDataBuffer().getBytes(start, bytes, at, len);
        offsets[size + 1] = at + len;
        setNullBit(size++, false);
    }

    /** Appends in bulk: the rows' byte total first, so the arrays grow at most once per call. */
    @Override
    public void appendRows(FieldVector v, int[] rows, int count) {
        VarCharVector s = (VarCharVector) v;
        ArrowBuf offsetBuffer = s.getOffsetBuffer();
        ArrowBuf validity = s.getValidityBuffer();
        long total = offsets[size];
        for (int k = 0; k < count; k++) {
            int row = rows[k];
            long at = (long) row * VarCharVector.OFFSET_WIDTH;
            total += offsetBuffer.getInt(at + VarCharVector.OFFSET_WIDTH) - offsetBuffer.getInt(at);
        }
        ensureRows(size + count);
        ensureBytes(total);
        ArrowBuf data = s.getDataBuffer();
        for (int k = 0; k < count; k++) {
            int row = rows[k];
            int at = offsets[size];
            boolean isNull = BitVectorHelper.get(validity, row) == 0;
            if (!isNull) {
                int start = offsetBuffer.getInt((long) row * VarCharVector.OFFSET_WIDTH);
                int len = offsetBuffer.getInt((long) (row + 1) * VarCharVector.OFFSET_WIDTH) - start;
                data.getBytes(start, bytes, at, len);
                at += len;
            }
            offsets[size + 1] = at;
            setNullBit(size++, isNull);
        }
    }

    @Override
    public void appendNull() {
        ensureRows(size + 1);
        offsets[size + 1] = offsets[size];
        setNullBit(size++, true);
    }

    @Override
    public void appendFrom(ColumnBuffer other, int idx) {
        if (other.isNull(idx)) {
            appendNull();
        } else {
            BytesColumn o = (BytesColumn) other;
            appendBytes(o.bytes, o.offsets[idx], o.offsets[idx + 1] - o.offsets[idx]);
        }
    }

    @Override
    public int hash(int idx) {
        return isNull(idx) ? NULL_HASH : hashBytes(bytes, offsets[idx], offsets[idx + 1]);
    }

    @Override
    public int hashRow(FieldVector v, int row) {
        if (v.isNull(row)) {
            return NULL_HASH;
        }
        VarCharVector s = (VarCharVector) v;
        return hashBytes(s.getDataBuffer(), s.getStartOffset(row), s.getEndOffset(row));
    }

    @Override
    public int hashValue(Object v) {
        if (v == null) {
            return NULL_HASH;
        }
        byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
        return hashBytes(b, 0, b.length);
    }

    @Override
    public boolean equalsValue(int idx, Object v) {
        if (isNull(idx) || v == null) {
            return isNull(idx) && v == null;
        }
        byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
        return Arrays.equals(bytes, offsets[idx], offsets[idx + 1], b, 0, b.length);
    }

    @Override
    public boolean equalsRow(int idx, FieldVector v, int row) {
        boolean n = v.isNull(row);
        if (isNull(idx) || n) {
            return isNull(idx) && n;
        }
        VarCharVector s = (VarCharVector) v;
        int start = s.getStartOffset(row);
        int len = s.getEndOffset(row) - start;
        int at = offsets[idx];
        if (offsets[idx + 1] - at != len) {
            return false;
        }
        ArrowBuf data = s.getDataBuffer();
        for (int i = 0; i < len; i++) {
            if (bytes[at + i] != data.getByte(start + i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compare(int a, int b) {
        return Arrays.compareUnsigned(bytes, offsets[a], offsets[a + 1], bytes, offsets[b], offsets[b + 1]);
    }

    @Override
    public int compareRow(int idx, FieldVector v, int row) {
        VarCharVector s = (VarCharVector) v;
        int start = s.getStartOffset(row);
        int len = s.getEndOffset(row) - start;
        int at = offsets[idx];
        int mine = offsets[idx + 1] - at;
        ArrowBuf data = s.getDataBuffer();
        for (int i = 0, n = Math.min(len, mine); i < n; i++) {
            int c = Integer.compare(bytes[at + i] & 0xff, data.getByte(start + i) & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(mine, len);
    }

    /** Moves each kept value's bytes down to follow the previous one (indices ascend, so nothing is overwritten before it moves). */
    @Override
    void moveValues(int[] kept, int count) {
        int at = 0;
        for (int k = 0; k < count; k++) {
            int idx = kept[k];
            int start = offsets[idx];
            int len = offsets[idx + 1] - start;
            System.arraycopy(bytes, start, bytes, at, len);
            offsets[k] = at;
            at += len;
        }
        offsets[count] = at;
    }

    @Override
    public void write(int idx, FieldVector out, int outRow) {
        VarCharVector s = (VarCharVector) out;
        if (isNull(idx)) {
            s.setNull(outRow);
        } else {
            s.setSafe(outRow, bytes, offsets[idx], offsets[idx + 1] - offsets[idx]);
        }
    }

    /**
     * Writes the values in bulk: their byte total first, so the data buffer grows at most once, then
     * offsets, bytes and validity straight into the vector's buffers (no per-value {@code setSafe}).
     */
    @Override
    public void write(int[] indices, int from, int count, FieldVector out) {
        VarCharVector s = (VarCharVector) out;
        long total = 0;
        for (int k = 0; k < count; k++) {
            int idx = indices[from + k];
            total += offsets[idx + 1] - offsets[idx];
        }
        reserve(s, total);
        ArrowBuf offsetBuffer = s.getOffsetBuffer();
        ArrowBuf data = s.getDataBuffer();
        ArrowBuf validity = s.getValidityBuffer();
        int at = offsetBuffer.getInt(0);
        for (int k = 0; k < count; k++) {
            int idx = indices[from + k];
            if (isNull(idx)) {
                BitVectorHelper.unsetBit(validity, k);
            } else {
                int start = offsets[idx];
                int len = offsets[idx + 1] - start;
                data.setBytes(at, bytes, start, len);
                at += len;
                BitVectorHelper.setBit(validity, k);
            }
            offsetBuffer.setInt((long) (k + 1) * VarCharVector.OFFSET_WIDTH, at);
        }
        s.setLastSet(count - 1);
    }

    @Override
    public void writeRange(int first, int count, FieldVector out) {
        VarCharVector s = (VarCharVector) out;
        reserve(s, offsets[first + count] - offsets[first]);
        ArrowBuf offsetBuffer = s.getOffsetBuffer();
        ArrowBuf validity = s.getValidityBuffer();
        int at = offsetBuffer.getInt(0);
        s.getDataBuffer().setBytes(at, bytes, offsets[first], offsets[first + count] - offsets[first]);
        for (int k = 0; k < count; k++) {
            int idx = first + k;
            if (isNull(idx)) {
                BitVectorHelper.unsetBit(validity, k);
            } else {
                BitVectorHelper.setBit(validity, k);
            }
            at += offsets[idx + 1] - offsets[idx];
            offsetBuffer.setInt((long) (k + 1) * VarCharVector.OFFSET_WIDTH, at);
        }
        s.setLastSet(count - 1);
    }

    /** Grows {@code s}'s data buffer to hold {@code bytes} more bytes after its first offset. */
    private static void reserve(VarCharVector s, long bytes) {
        long needed = s.getOffsetBuffer().getInt(0) + bytes;
        if (s.getDataBuffer().capacity() < needed) {
            s.reallocDataBuffer(needed);
        }
    }

    @Override
    public Object get(int idx) {
        return isNull(idx) ? null
                : new String(bytes, offsets[idx], offsets[idx + 1] - offsets[idx], StandardCharsets.UTF_8);
    }

    @Override
    public void clear() {
        super.clear();
        offsets[0] = 0;
    }

    @Override
    public long retainedBytes() {
        return bytes.length + 4L * offsets.length;
    }

    @Override
    char stateTag() {
        return 'S';
    }

    /** The {@code size + 1} offsets (ints), then the {@code offsets[size]} bytes they point into. */
    @Override
    void writeValues(DataOutputStream out) throws IOException {
        StateIO.writeInts(out, offsets, 0, size + 1);
        out.write(bytes, 0, offsets[size]);
    }

    @Override
    void readValues(DataInputStream in, int n) throws IOException {
        ensureRows(n);
        StateIO.readInts(in, offsets, 0, n + 1);
        int length = offsets[n];
        if (offsets[0] != 0 || length < 0) {
            throw new IOException("damaged VARCHAR column state: offsets from " + offsets[0] + " to " + length);
        }
        ensureBytes(length);
        in.readFully(bytes, 0, length);
    }
}
