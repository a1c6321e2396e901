package dev.runnel.exec.source;

import dev.runnel.log.FetchResult;
import dev.runnel.log.LogStore;
import dev.runnel.log.OffsetOutOfRangeException;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordCursor;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * For a bounded scan of a TABLE (an upsert changelog keyed by primary key): the offset of the
 * newest record per key in one partition's range, found by a first pass that reads keys only, so
 * the decoding pass emits each key's current row once. A tombstone removes its key. Keys are
 * compared as bytes. Not thread-safe.
 */
final class LatestPerKey {
    private final Map<ByteBuffer, Long> latest = new HashMap<>();

    /** Reads keys of {@code [from, to)} of the partition. */
    static LatestPerKey build(LogStore store, TopicPartition tp, long from, long to, int fetchBytes) {
        LatestPerKey index = new LatestPerKey();
        long pos = from;
        while (pos < to) {
            FetchResult f;
            try {
                f = store.read(tp, pos, fetchBytes);
            } catch (OffsetOutOfRangeException e) {
                pos = store.logStartOffset(tp);
                continue;
            }
            if (f.isEmpty()) {
                break;
            }
            for (RecordBatch batch : f) {
                if (batch.isPayload()) {
                    continue;
                }
                RecordCursor c = batch.records();
                while (c.next()) {
                    long o = c.offset();
                    if (o < pos || o >= to || c.keyLength() < 0) {
                        continue;
                    }
                    ByteBuffer key = ByteBuffer.wrap(c.keyBytes());
                    if (c.isTombstone()) {
                        index.latest.remove(key);
                    } else {
                        index.latest.put(key, o);
                    }
                }
            }
            pos = Math.max(pos + 1, f.nextOffset());
        }
        return index;
    }

    /** Whether the record at {@code offset} with this key (a range of {@code buf}) is its key's newest. */
    boolean isLatest(ByteBuffer buf, int keyPosition, int keyLength, long offset) {
        if (keyLength < 0) {
            return true; // records without a key are not upserts: keep them all
        }
        Long o = latest.get(buf.duplicate().position(keyPosition).limit(keyPosition + keyLength).slice());
        return o != null && o == offset;
    }
}
