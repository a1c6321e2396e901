package dev.runnel.log.record;

import dev.runnel.log.CorruptRecordException;
import dev.runnel.log.Header;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Steps through the records of one batch without allocating per record: after {@link #next()}
 * returns true, the accessors describe the current record, and key/value bytes are addressed as
 * ranges of {@link #buffer()}. Not thread-safe.
 */
public final class RecordCursor {
    private final ByteBuffer buf;
    private final long baseOffset;
    private final long firstTimestamp;
    private final int count;
    private int index;

    private long offset;
    private long timestamp;
    private int keyPosition;
    private int keyLength;
    private int valuePosition;
    private int valueLength;
    private int headersPosition;
    private int headerCount;

    RecordCursor(ByteBuffer records, long baseOffset, long firstTimestamp, int count) {
        this.buf = records;
        this.baseOffset = baseOffset;
        this.firstTimestamp = firstTimestamp;
        this.count = count;
    }

    /** Advances to the next record; false when the batch is exhausted. */
    public boolean next() {
        if (index >= count) {
            return false;
        }
        try {
            int length = Varints.readVarint(buf);
            int end = buf.position() + length;
            if (length < 0 || end > buf.limit()) {
                throw new CorruptRecordException("record " + index + " of batch at offset " + baseOffset
                        + " claims " + length + " bytes, more than the batch holds");
            }
            offset = baseOffset + Varints.readVarint(buf);
            timestamp = firstTimestamp + Varints.readVarlong(buf);
            keyLength = Varints.readVarint(buf);
            keyPosition = buf.position();
            if (keyLength > 0) {
                buf.position(keyPosition + keyLength);
            }
            valueLength = Varints.readVarint(buf);
            valuePosition = buf.position();
            if (valueLength > 0) {
                buf.position(valuePosition + valueLength);
            }
            headerCount = Varints.readVarint(buf);
            headersPosition = buf.position();
            buf.position(end);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptRecordException("record " + index + " of batch at offset " + baseOffset + " is truncated", e);
        }
        index++;
        return true;
    }

    public long offset() {
        return offset;
    }

    public long timestamp() {
        return timestamp;
    }

    /** The buffer that key and value positions refer to. Do not modify it. */
    public ByteBuffer buffer() {
        return buf;
    }

    public int keyPosition() {
        return keyPosition;
    }

    /** Key length in bytes, -1 for a null key. */
    public int keyLength() {
        return keyLength;
    }

    public int valuePosition() {
        return valuePosition;
    }

    /** Value length in bytes, -1 for a tombstone. */
    public int valueLength() {
        return valueLength;
    }

    public boolean isTombstone() {
        return valueLength < 0;
    }

    public byte[] keyBytes() {
        return copy(keyPosition, keyLength);
    }

    public byte[] valueBytes() {
        return copy(valuePosition, valueLength);
    }

    public List<Header> headers() {
        if (headerCount == 0) {
            return List.of();
        }
        ByteBuffer d = buf.duplicate().position(headersPosition);
        List<Header> out = new ArrayList<>(headerCount);
        for (int i = 0; i < headerCount; i++) {
            int kl = Varints.readVarint(d);
            byte[] k = new byte[kl];
            d.get(k);
            int vl = Varints.readVarint(d);
            byte[] v = null;
            if (vl >= 0) {
                v = new byte[vl];
                d.get(v);
            }
            out.add(new Header(new String(k, StandardCharsets.UTF_8), v));
        }
        return out;
    }

    private byte[] copy(int position, int length) {
        if (length < 0) {
            return null;
        }
        byte[] out = new byte[length];
        buf.get(position, out);
        return out;
    }
}
