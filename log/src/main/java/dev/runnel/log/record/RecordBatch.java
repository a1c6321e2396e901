package dev.runnel.log.record;

import dev.runnel.log.Compression;
import dev.runnel.log.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A read-only view of one record batch in a buffer: the unit of append, storage, CRC and compression.
 *
 * <h2>Byte layout (big-endian), version (magic) 2</h2>
 * <pre>
 * offset size field
 *   0     8   baseOffset          offset of the first record; record offsets are baseOffset + offsetDelta
 *   8     4   batchLength         bytes after this field (total size = batchLength + 12)
 *  12     1   magic               format version, 2 (1: the same without the producer fields, still read)
 *  13     4   crc                 CRC-32C of bytes [17, end of batch)
 *  17     2   attributes          bits 0-2 compression (0 none, 1 lz4, 2 zstd); bit 3 batch holds a tombstone;
 *                                 bit 4 payload batch (see below)
 *  19     4   lastOffsetDelta     offset delta of the last record as written (kept by compaction, so the
 *                                 batch still spans its original offsets when records are removed)
 *  23     4   recordCount         records in this batch (fewer than lastOffsetDelta + 1 after compaction)
 *  27     8   firstTimestamp      event time of the first record, epoch millis; record times are deltas
 *  35     8   maxTimestamp        largest event time in the batch
 *  43     8   producerTimestamp   when the producer built the batch
 *  51     8   appendTime          when the log appended it (the log's clock)
 *  59     4   recordsSize         size of the records section once decompressed
 *  63     8   producerId          who wrote the batch for idempotent replays (-1: nobody in particular)
 *  71     8   producerEpoch       the producer's unit of commit (a job's checkpoint), -1 if untagged
 *  79     8   firstSequence       the producer's sequence of the first record within its epoch, -1 if untagged;
 *                                 the batch stands for sequences firstSequence .. firstSequence + lastOffsetDelta
 *  87     ..  records             recordCount records, compressed as a whole if attributes say so
 * </pre>
 * A version-1 batch ends its header at byte 63 (no producer fields) and is read as untagged.
 * Each record (zig-zag varints):
 * <pre>
 * varint  length            bytes of the record after this field
 * varint  offsetDelta
 * varlong timestampDelta    from firstTimestamp
 * varint  keyLength         -1 = null key
 * bytes   key
 * varint  valueLength       -1 = null value (a tombstone)
 * bytes   value
 * varint  headerCount
 *   varint keyLength, UTF-8 key, varint valueLength (-1 = null), value     per header
 * </pre>
 *
 * <p>A <em>payload batch</em> (attribute bit 4) carries, instead of records, one opaque
 * application payload that stands for {@code recordCount} consecutive offsets — for example a
 * columnar block of rows, so a row still has an offset of its own while the log never looks
 * inside. Its records section is the payload (compressed as a whole like records); it has no keys,
 * so compaction keeps it whole. Read it with {@link #payload()}, not {@link #records()}.
 *
 * <p>Not thread-safe as a cursor source, but the underlying bytes are never modified, so several
 * views of the same bytes may be used by several threads.
 */
public final class RecordBatch {
    public static final byte MAGIC = 2;
    /** The first version, without producer fields: still read. */
    public static final byte MAGIC_V1 = 1;
    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int LENGTH_OFFSET = 8;
    public static final int MAGIC_OFFSET = 12;
    public static final int CRC_OFFSET = 13;
    public static final int ATTRIBUTES_OFFSET = 17;
    public static final int LAST_OFFSET_DELTA_OFFSET = 19;
    public static final int RECORD_COUNT_OFFSET = 23;
    public static final int FIRST_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_TIMESTAMP_OFFSET = 43;
    public static final int APPEND_TIME_OFFSET = 51;
    public static final int RECORDS_SIZE_OFFSET = 59;
    public static final int PRODUCER_ID_OFFSET = 63;
    public static final int PRODUCER_EPOCH_OFFSET = 71;
    public static final int FIRST_SEQUENCE_OFFSET = 79;
    /** The smallest header (version 1): no batch is shorter. */
    public static final int HEADER_SIZE = 63;
    /** The header this version writes. */
    public static final int HEADER_SIZE_V2 = 87;
    /** Bytes needed to know a batch's total size: base offset and length. */
    public static final int LOG_OVERHEAD = 12;

    static final int COMPRESSION_MASK = 0x07;
    static final int TOMBSTONE_FLAG = 0x08;
    static final int PAYLOAD_FLAG = 0x10;

    private final ByteBuffer buf;

    /** Wraps the batch occupying all remaining bytes of {@code buffer} (position to limit). */
    public RecordBatch(ByteBuffer buffer) {
        this.buf = buffer.slice();
    }

    public long baseOffset() {
        return buf.getLong(BASE_OFFSET_OFFSET);
    }

    public long lastOffset() {
        return baseOffset() + buf.getInt(LAST_OFFSET_DELTA_OFFSET);
    }

    /** The offset the log assigns after this batch. */
    public long nextOffset() {
        return lastOffset() + 1;
    }

    public int sizeInBytes() {
        return buf.getInt(LENGTH_OFFSET) + LOG_OVERHEAD;
    }

    public byte magic() {
        return buf.get(MAGIC_OFFSET);
    }

    /** Bytes before the records section: depends on the version. */
    public int headerSize() {
        return magic() == MAGIC_V1 ? HEADER_SIZE : HEADER_SIZE_V2;
    }

    /** Who wrote the batch for idempotent replays, or -1 (see {@link dev.runnel.log.ProducerTag}). */
    public long producerId() {
        return magic() == MAGIC_V1 ? -1 : buf.getLong(PRODUCER_ID_OFFSET);
    }

    /** The producer's epoch (unit of commit), or -1. */
    public long producerEpoch() {
        return magic() == MAGIC_V1 ? -1 : buf.getLong(PRODUCER_EPOCH_OFFSET);
    }

    /** The producer's sequence of the batch's first record within its epoch, or -1. */
    public long firstSequence() {
        return magic() == MAGIC_V1 ? -1 : buf.getLong(FIRST_SEQUENCE_OFFSET);
    }

    /** The tag written with the batch ({@link dev.runnel.log.ProducerTag#NONE} if untagged). */
    public dev.runnel.log.ProducerTag producerTag() {
        long id = producerId();
        return id < 0 ? dev.runnel.log.ProducerTag.NONE
                : new dev.runnel.log.ProducerTag(id, producerEpoch(), firstSequence());
    }

    public int recordCount() {
        return buf.getInt(RECORD_COUNT_OFFSET);
    }

    public long firstTimestamp() {
        return buf.getLong(FIRST_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buf.getLong(MAX_TIMESTAMP_OFFSET);
    }

    public long producerTimestamp() {
        return buf.getLong(PRODUCER_TIMESTAMP_OFFSET);
    }

    public long appendTime() {
        return buf.getLong(APPEND_TIME_OFFSET);
    }

    public Compression compression() {
        return Compression.ofId(buf.getShort(ATTRIBUTES_OFFSET) & COMPRESSION_MASK);
    }

    public boolean hasTombstone() {
        return (buf.getShort(ATTRIBUTES_OFFSET) & TOMBSTONE_FLAG) != 0;
    }

    /** Whether this batch holds one opaque payload instead of records. */
    public boolean isPayload() {
        return (buf.getShort(ATTRIBUTES_OFFSET) & PAYLOAD_FLAG) != 0;
    }

    /** The payload of a payload batch, decompressed if needed, as a read-only buffer. */
    public ByteBuffer payload() {
        if (!isPayload()) {
            throw new IllegalStateException("batch at offset " + baseOffset() + " holds records, not a payload");
        }
        return section().asReadOnlyBuffer();
    }

    public int storedCrc() {
        return buf.getInt(CRC_OFFSET);
    }

    public int computeCrc() {
        return crcOf(buf, 0, sizeInBytes());
    }

    public boolean isValid() {
        return sizeInBytes() >= HEADER_SIZE && sizeInBytes() <= buf.limit()
                && (magic() == MAGIC || magic() == MAGIC_V1) && sizeInBytes() >= headerSize()
                && storedCrc() == computeCrc();
    }

    /** Throws {@link CorruptRecordException} unless magic, size and CRC check out. */
    public void ensureValid() {
        if (sizeInBytes() < HEADER_SIZE || sizeInBytes() > buf.limit()) {
            throw new CorruptRecordException("batch at offset " + baseOffset() + " has impossible size " + sizeInBytes());
        }
        if (magic() != MAGIC && magic() != MAGIC_V1) {
            throw new CorruptRecordException("batch at offset " + baseOffset() + " has unknown magic " + magic());
        }
        if (sizeInBytes() < headerSize()) {
            throw new CorruptRecordException("batch at offset " + baseOffset() + " is shorter than its header");
        }
        int computed = computeCrc();
        if (storedCrc() != computed) {
            throw new CorruptRecordException("batch at offset " + baseOffset() + " failed its CRC check (stored "
                    + Integer.toHexString(storedCrc()) + ", computed " + Integer.toHexString(computed) + ")");
        }
    }

    /** The whole batch as a read-only buffer (position 0, limit = size). */
    public ByteBuffer buffer() {
        return buf.duplicate().limit(sizeInBytes()).asReadOnlyBuffer();
    }

    /** A cursor over the records, decompressing once if needed. Allocation-free per record. */
    public RecordCursor records() {
        if (isPayload()) {
            throw new IllegalStateException("batch at offset " + baseOffset() + " is a payload batch; use payload()");
        }
        return new RecordCursor(section(), baseOffset(), firstTimestamp(), recordCount());
    }

    private ByteBuffer section() {
        ByteBuffer section = buf.duplicate().position(headerSize()).limit(sizeInBytes()).slice();
        Compression c = compression();
        if (c != Compression.NONE) {
            section = Codecs.decompress(c, section, buf.getInt(RECORDS_SIZE_OFFSET));
        }
        return section;
    }

    /** Sets base offset and append time of the batch at {@code buffer[start..]} and recomputes its CRC. */
    public static void stamp(ByteBuffer buffer, int start, long baseOffset, long appendTime) {
        buffer.putLong(start + BASE_OFFSET_OFFSET, baseOffset);
        buffer.putLong(start + APPEND_TIME_OFFSET, appendTime);
        int size = buffer.getInt(start + LENGTH_OFFSET) + LOG_OVERHEAD;
        buffer.putInt(start + CRC_OFFSET, crcOf(buffer, start, size));
    }

    static int crcOf(ByteBuffer b, int start, int size) {
        CRC32C crc = new CRC32C();
        ByteBuffer d = b.duplicate();
        d.limit(start + size).position(start + ATTRIBUTES_OFFSET);
        crc.update(d);
        return (int) crc.getValue();
    }

    @Override
    public String toString() {
        return "RecordBatch[baseOffset=" + baseOffset() + ", lastOffset=" + lastOffset() + ", records="
                + recordCount() + ", bytes=" + sizeInBytes() + ", compression=" + compression().configName()
                + ", firstTimestamp=" + firstTimestamp() + ", maxTimestamp=" + maxTimestamp()
                + ", producerTimestamp=" + producerTimestamp() + ", appendTime=" + appendTime() + "]";
    }
}
