package dev.runnel.log.record;

import dev.runnel.log.Compression;
import dev.runnel.log.Header;
import dev.runnel.log.ProducerTag;
import dev.runnel.log.Record;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes records into one batch in the {@link RecordBatch} layout. The result has base offset 0
 * and no append time; the log stamps both (and the CRC) when it appends.
 *
 * <p>Stateless apart from a scratch buffer reused across calls: one builder per thread.
 */
public final class RecordBatchBuilder {
    /** Records section before compression; allocated on first compressed batch (uncompressed ones need none). */
    private byte[] scratch = new byte[0];

    /**
     * Encodes {@code records} with consecutive offset deltas 0..n-1.
     *
     * @param producerTimestamp the batch's producer time; also the event time of records without one
     */
    public ByteBuffer build(List<Record> records, Compression compression, long producerTimestamp) {
        return build(records, compression, producerTimestamp, ProducerTag.NONE);
    }

    /** As {@link #build(List, Compression, long)}, with the producer's tag in the header. */
    public ByteBuffer build(List<Record> records, Compression compression, long producerTimestamp, ProducerTag tag) {
        return encode(records, null, records.size() - 1, compression, producerTimestamp, tag);
    }

    /**
     * Encodes already-offset records (for compaction): {@code offsetDeltas[i]} is each record's
     * delta from {@code baseOffset}, and {@code lastOffsetDelta} keeps the original span.
     */
    public ByteBuffer rebuild(List<Record> records, int[] offsetDeltas, long baseOffset, int lastOffsetDelta,
            Compression compression, long producerTimestamp, long appendTime, ProducerTag tag) {
        ByteBuffer built = encode(records, offsetDeltas, lastOffsetDelta, compression, producerTimestamp, tag);
        RecordBatch.stamp(built, 0, baseOffset, appendTime);
        return built;
    }

    private ByteBuffer encode(List<Record> records, int[] deltas, int lastOffsetDelta, Compression compression,
            long producerTimestamp, ProducerTag tag) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one record");
        }
        long first = ts(records.get(0), producerTimestamp);
        long max = Long.MIN_VALUE;
        int size = 0;
        boolean tombstone = false;
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            long t = ts(r, producerTimestamp);
            max = Math.max(max, t);
            int body = bodySize(r, deltas == null ? i : deltas[i], t - first);
            size += Varints.sizeOfVarint(body) + body;
            tombstone |= r.value() == null;
        }
        ByteBuffer section = sectionBuffer(size, compression);
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            int offsetDelta = deltas == null ? i : deltas[i];
            long delta = ts(r, producerTimestamp) - first;
            Varints.writeVarint(bodySize(r, offsetDelta, delta), section);
            Varints.writeVarint(offsetDelta, section);
            Varints.writeVarlong(delta, section);
            writeBytes(r.key(), section);
            writeBytes(r.value(), section);
            List<Header> headers = r.headers();
            Varints.writeVarint(headers.size(), section);
            for (int j = 0; j < headers.size(); j++) { // indexed: no iterator per record on the hot path
                Header h = headers.get(j);
                byte[] k = h.key().getBytes(StandardCharsets.UTF_8);
                Varints.writeVarint(k.length, section);
                section.put(k);
                writeBytes(h.value(), section);
            }
        }
        int attributes = compression.id | (tombstone ? RecordBatch.TOMBSTONE_FLAG : 0);
        return finish(section, size, compression, attributes, lastOffsetDelta, records.size(), first, max,
                producerTimestamp, tag);
    }

    /**
     * Encodes a payload batch: {@code payload} stands for {@code rowCount} consecutive offsets (see
     * {@link RecordBatch}). Event times are given by the caller (the payload's own min and max).
     */
    public ByteBuffer buildPayload(ByteBuffer payload, int rowCount, long firstTimestamp, long maxTimestamp,
            Compression compression, long producerTimestamp) {
        return buildPayload(payload, rowCount, firstTimestamp, maxTimestamp, compression, producerTimestamp,
                ProducerTag.NONE);
    }

    /** As {@link #buildPayload(ByteBuffer, int, long, long, Compression, long)}, with the producer's tag. */
    public ByteBuffer buildPayload(ByteBuffer payload, int rowCount, long firstTimestamp, long maxTimestamp,
            Compression compression, long producerTimestamp, ProducerTag tag) {
        if (rowCount < 1) {
            throw new IllegalArgumentException("a payload batch stands for at least one row");
        }
        int size = payload.remaining();
        ByteBuffer section = sectionBuffer(size, compression);
        section.put(payload.duplicate());
        int attributes = compression.id | RecordBatch.PAYLOAD_FLAG;
        return finish(section, size, compression, attributes, rowCount - 1, rowCount, firstTimestamp, maxTimestamp,
                producerTimestamp, tag);
    }

    /** Compresses the written section if asked (it is in scratch then) and writes the header. */
    private ByteBuffer finish(ByteBuffer section, int size, Compression compression, int attributes,
            int lastOffsetDelta, int count, long first, long max, long producerTimestamp, ProducerTag tag) {
        ByteBuffer out;
        int stored;
        if (compression == Compression.NONE) {
            out = section.flip();
            stored = size;
        } else {
            byte[] compressed = Codecs.compress(compression, scratch, size);
            out = ByteBuffer.allocate(RecordBatch.HEADER_SIZE_V2 + compressed.length);
            out.position(RecordBatch.HEADER_SIZE_V2);
            out.put(compressed).flip();
            stored = compressed.length;
        }
        writeHeader(out, stored, size, attributes, lastOffsetDelta, count, first, max, producerTimestamp, tag);
        return out;
    }

    /** For NONE the records go straight into the output buffer after the header; else into scratch. */
    private ByteBuffer sectionBuffer(int size, Compression compression) {
        if (compression == Compression.NONE) {
            ByteBuffer out = ByteBuffer.allocate(RecordBatch.HEADER_SIZE_V2 + size);
            out.position(RecordBatch.HEADER_SIZE_V2);
            return out;
        }
        if (scratch.length < size) {
            scratch = new byte[Math.max(Math.max(size, 64 * 1024), scratch.length * 2)];
        }
        return ByteBuffer.wrap(scratch, 0, size);
    }

    private static void writeHeader(ByteBuffer out, int storedSize, int recordsSize, int attributes,
            int lastOffsetDelta, int count, long first, long max, long producerTimestamp, ProducerTag tag) {
        out.putLong(RecordBatch.BASE_OFFSET_OFFSET, 0L);
        out.putInt(RecordBatch.LENGTH_OFFSET, RecordBatch.HEADER_SIZE_V2 + storedSize - RecordBatch.LOG_OVERHEAD);
        out.put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC);
        out.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) attributes);
        out.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, lastOffsetDelta);
        out.putInt(RecordBatch.RECORD_COUNT_OFFSET, count);
        out.putLong(RecordBatch.FIRST_TIMESTAMP_OFFSET, first);
        out.putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, max);
        out.putLong(RecordBatch.PRODUCER_TIMESTAMP_OFFSET, producerTimestamp);
        out.putLong(RecordBatch.APPEND_TIME_OFFSET, 0L);
        out.putInt(RecordBatch.RECORDS_SIZE_OFFSET, recordsSize);
        out.putLong(RecordBatch.PRODUCER_ID_OFFSET, tag.producerId());
        out.putLong(RecordBatch.PRODUCER_EPOCH_OFFSET, tag.epoch());
        out.putLong(RecordBatch.FIRST_SEQUENCE_OFFSET, tag.firstSequence());
        out.putInt(RecordBatch.CRC_OFFSET, RecordBatch.crcOf(out, 0, out.limit()));
    }

    private static long ts(Record r, long producerTimestamp) {
        return r.timestamp() == Record.NO_TIMESTAMP ? producerTimestamp : r.timestamp();
    }

    private static int bodySize(Record r, int offsetDelta, long timestampDelta) {
        int size = Varints.sizeOfVarint(offsetDelta) + Varints.sizeOfVarlong(timestampDelta);
        size += bytesSize(r.key()) + bytesSize(r.value());
        List<Header> headers = r.headers();
        size += Varints.sizeOfVarint(headers.size());
        for (int j = 0; j < headers.size(); j++) { // indexed: no iterator per record on the hot path
            Header h = headers.get(j);
            int kl = h.key().getBytes(StandardCharsets.UTF_8).length;
            size += Varints.sizeOfVarint(kl) + kl + bytesSize(h.value());
        }
        return size;
    }

    private static int bytesSize(byte[] b) {
        return b == null ? Varints.sizeOfVarint(-1) : Varints.sizeOfVarint(b.length) + b.length;
    }

    private static void writeBytes(byte[] b, ByteBuffer out) {
        if (b == null) {
            Varints.writeVarint(-1, out);
        } else {
            Varints.writeVarint(b.length, out);
            out.put(b);
        }
    }
}
