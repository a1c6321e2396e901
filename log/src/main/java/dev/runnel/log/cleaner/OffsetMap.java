package dev.runnel.log.cleaner;

import dev.runnel.log.record.RecordCursor;
import java.nio.ByteBuffer;
import java.util.HashMap;

/**
 * Record key to the offset of that key's latest record, over the dirty part of one partition (what
 * Kafka's {@code SkimpyOffsetMap} does with hashes, here with the key bytes themselves, so keys are
 * compared by content and never collide).
 *
 * <p>{@link #isFull()} turns true at {@code capacity} keys; the caller then stops adding at a batch
 * boundary and cleans only up to the segment it stopped in, so memory stays bounded.
 *
 * <p>Not thread-safe; one per {@link Cleaner}, cleared between partitions.
 */
final class OffsetMap {
    private final int capacity;
    private HashMap<ByteBuffer, Long> latest = new HashMap<>();

    OffsetMap(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("offset map capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Records the cursor's record (which must have a key) as the latest of its key so far. */
    void put(RecordCursor record) {
        latest.put(ByteBuffer.wrap(record.keyBytes()), record.offset());
    }

    /** Offset of the latest mapped record with the cursor's key, or -1 if the key is not mapped. */
    long latestOffset(RecordCursor record) {
        Long offset = latest.get(record.buffer().slice(record.keyPosition(), record.keyLength()));
        return offset == null ? -1 : offset;
    }

    boolean isFull() {
        return latest.size() >= capacity;
    }

    int size() {
        return latest.size();
    }

    /** Forgets every key (and the table that held them, which may have grown large). */
    void clear() {
        latest = new HashMap<>();
    }
}
