package dev.runnel.log.cleaner;

import dev.runnel.log.Compression;
import dev.runnel.log.Record;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordBatchBuilder;
import dev.runnel.log.record.RecordCursor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which records of a batch survive compaction and re-encodes the survivors.
 *
 * <p>A record survives unless the {@link OffsetMap} holds a later offset for its key, or it is a
 * tombstone (null value) whose batch was appended more than {@code delete.retention.ms} ago. Records
 * without a key always survive. A batch that loses nothing is passed on byte for byte; one that loses
 * some records is rebuilt with the topic's compression, keeping each survivor's offset, the batch's
 * base offset and offset span ({@code lastOffsetDelta}), producer timestamp and append time; one that
 * loses all of them is dropped.
 *
 * <p>Not thread-safe (the builder reuses a scratch buffer); one per pass.
 */
final class BatchFilter {
    /** Sentinel for "no tombstone kept". */
    static final long NO_TOMBSTONE = Long.MAX_VALUE;

    /**
     * What filtering one batch gave.
     *
     * @param batch                     the batch to write, or null if nothing survived (null too when only inspecting)
     * @param recordsRead               records in the input batch
     * @param recordsRemoved            records that did not survive
     * @param oldestTombstoneAppendTime append time of the batch if it keeps a keyed tombstone, else {@link #NO_TOMBSTONE}
     */
    record Outcome(ByteBuffer batch, int recordsRead, int recordsRemoved, long oldestTombstoneAppendTime) {}

    private final OffsetMap map;
    private final long tombstoneDeadline;
    private final Compression compression;
    private final int maxBatchBytes;
    private final RecordBatchBuilder builder = new RecordBatchBuilder();

    /**
     * @param tombstoneDeadline tombstones in batches appended before this time are removed
     * @param compression       the topic's compression, for rebuilt batches
     * @param maxBatchBytes     largest batch the log accepts on recovery ({@code segment.bytes})
     */
    BatchFilter(OffsetMap map, long tombstoneDeadline, Compression compression, int maxBatchBytes) {
        this.map = map;
        this.tombstoneDeadline = tombstoneDeadline;
        this.compression = compression;
        this.maxBatchBytes = maxBatchBytes;
    }

    /** Counts what {@link #filter} would remove, without encoding anything. */
    Outcome inspect(RecordBatch batch) {
        return run(batch, false);
    }

    /** Filters the batch and encodes the survivors. */
    Outcome filter(RecordBatch batch) {
        return run(batch, true);
    }

    private Outcome run(RecordBatch batch, boolean encode) {
        if (batch.isPayload()) {
            // an opaque block of rows has no keys to compact by: it is kept whole
            return new Outcome(encode ? batch.buffer() : null, batch.recordCount(), 0, NO_TOMBSTONE);
        }
        boolean tombstonesExpired = batch.appendTime() < tombstoneDeadline;
        List<Record> kept = encode ? new ArrayList<>() : null;
        List<Integer> deltas = encode ? new ArrayList<>() : null;
        int read = 0;
        int removed = 0;
        boolean keptTombstone = false;
        RecordCursor c = batch.records();
        while (c.next()) {
            read++;
            if (!survives(c, tombstonesExpired)) {
                removed++;
                continue;
            }
            keptTombstone |= c.isTombstone() && c.keyLength() >= 0; // keyless ones are never removed
            if (encode) {
                kept.add(new Record(c.keyBytes(), c.valueBytes(), c.timestamp(), c.headers()));
                deltas.add((int) (c.offset() - batch.baseOffset()));
            }
        }
        long tombstoneTime = keptTombstone ? batch.appendTime() : NO_TOMBSTONE;
        if (!encode) {
            return new Outcome(null, read, removed, tombstoneTime);
        }
        if (removed == 0) {
            return new Outcome(batch.buffer(), read, 0, tombstoneTime);
        }
        if (kept.isEmpty()) {
            return new Outcome(null, read, removed, NO_TOMBSTONE);
        }
        ByteBuffer rebuilt = rebuild(batch, kept, deltas, compression);
        if (rebuilt.remaining() > maxBatchBytes && batch.compression() != compression) {
            rebuilt = rebuild(batch, kept, deltas, batch.compression());
        }
        if (rebuilt.remaining() > maxBatchBytes) {
            // cannot happen for a subset in the batch's own codec, but never write what recovery would cut
            return new Outcome(batch.buffer(), read, 0, oldestTombstoneIn(batch));
        }
        return new Outcome(rebuilt, read, removed, tombstoneTime);
    }

    private static long oldestTombstoneIn(RecordBatch batch) {
        RecordCursor c = batch.records();
        while (c.next()) {
            if (c.isTombstone() && c.keyLength() >= 0) {
                return batch.appendTime();
            }
        }
        return NO_TOMBSTONE;
    }

    private boolean survives(RecordCursor c, boolean tombstonesExpired) {
        if (c.keyLength() < 0) {
            return true;
        }
        if (map.latestOffset(c) > c.offset()) {
            return false;
        }
        return !(c.isTombstone() && tombstonesExpired);
    }

    private ByteBuffer rebuild(RecordBatch batch, List<Record> kept, List<Integer> deltas, Compression codec) {
        int[] offsetDeltas = new int[deltas.size()];
        for (int i = 0; i < offsetDeltas.length; i++) {
            offsetDeltas[i] = deltas.get(i);
        }
        int lastOffsetDelta = (int) (batch.lastOffset() - batch.baseOffset());
        return builder.rebuild(kept, offsetDeltas, batch.baseOffset(), lastOffsetDelta, codec,
                batch.producerTimestamp(), batch.appendTime(), batch.producerTag());
    }
}
