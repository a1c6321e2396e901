package dev.runnel.log.cleaner;

import dev.runnel.log.CorruptRecordException;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.storage.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads the record batches of an inactive segment in offset order, a chunk at a time, checking each
 * batch's size and CRC before handing it on.
 *
 * <p>Stateless. Several threads may read the same segment: reads are positional and inactive
 * segments are never modified. If the segment is swapped or deleted meanwhile, the read fails with
 * a {@link java.nio.channels.ClosedChannelException}.
 */
final class SegmentBatches {
    private static final int CHUNK_BYTES = 256 * 1024;

    /** Receives each batch in turn; returns false to stop early. The view stays valid after the call. */
    @FunctionalInterface
    interface Visitor {
        boolean visit(RecordBatch batch) throws IOException;
    }

    private SegmentBatches() {}

    /** Visits every batch of {@code segment}; returns false if the visitor stopped early. */
    static boolean forEach(LogSegment segment, Visitor visitor) throws IOException {
        int limit = segment.size();
        ByteBuffer chunk = ByteBuffer.allocate(0);
        int chunkStart = 0;
        int pos = 0;
        while (pos < limit) {
            int rel = pos - chunkStart;
            if (chunk.limit() - rel < RecordBatch.LOG_OVERHEAD) {
                chunk = segment.read(pos, CHUNK_BYTES, limit);
                chunkStart = pos;
                rel = 0;
                if (chunk.limit() < RecordBatch.LOG_OVERHEAD) {
                    throw corrupt(segment, pos, "a truncated batch header");
                }
            }
            int size = chunk.getInt(rel + RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
            if (size < RecordBatch.HEADER_SIZE || (long) pos + size > limit) {
                throw corrupt(segment, pos, "a batch of impossible size " + size);
            }
            if (chunk.limit() - rel < size) {
                chunk = segment.read(pos, Math.max(CHUNK_BYTES, size), limit);
                chunkStart = pos;
                rel = 0;
            }
            RecordBatch batch = new RecordBatch(chunk.duplicate().limit(rel + size).position(rel));
            batch.ensureValid();
            if (!visitor.visit(batch)) {
                return false;
            }
            pos += size;
        }
        return true;
    }

    private static CorruptRecordException corrupt(LogSegment segment, int pos, String what) {
        return new CorruptRecordException("segment " + segment.baseOffset() + " has " + what + " at byte " + pos);
    }
}
