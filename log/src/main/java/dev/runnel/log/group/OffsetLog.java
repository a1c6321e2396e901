package dev.runnel.log.group;

import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.FetchResult;
import dev.runnel.log.Record;
import dev.runnel.log.StorageException;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.group.OffsetRecordFormat.OffsetKey;
import dev.runnel.log.group.OffsetRecordFormat.OffsetValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Committed offsets as records of partition 0 of {@value ConsumerGroups#OFFSETS_TOPIC}: writes commits
 * and tombstones, and replays the partition to rebuild the latest offset of every key.
 *
 * <p>Not thread-safe on its own: the {@link GroupCoordinator} serializes calls.
 */
final class OffsetLog {
    private static final TopicPartition PARTITION = new TopicPartition(ConsumerGroups.OFFSETS_TOPIC, 0);
    private static final int FETCH_BYTES = 1024 * 1024;

    private final EmbeddedLogStore store;

    OffsetLog(EmbeddedLogStore store) {
        this.store = store;
    }

    /** Appends one commit record per partition, as one batch, durable under the topic's fsync policy. */
    void writeCommits(String group, Map<TopicPartition, OffsetValue> offsets) {
        List<Record> records = new ArrayList<>(offsets.size());
        for (var e : offsets.entrySet()) {
            records.add(Record.of(OffsetRecordFormat.encodeKey(new OffsetKey(group, e.getKey())),
                    OffsetRecordFormat.encodeValue(e.getValue()), e.getValue().commitTime()));
        }
        store.append(PARTITION, records);
    }

    /** Appends a tombstone for each of the group's partitions, so replay and compaction drop them. */
    void writeTombstones(String group, Collection<TopicPartition> partitions, long now) {
        List<Record> records = new ArrayList<>(partitions.size());
        for (TopicPartition tp : partitions) {
            records.add(Record.of(OffsetRecordFormat.encodeKey(new OffsetKey(group, tp)), null, now));
        }
        store.append(PARTITION, records);
    }

    /**
     * Reads the whole partition: the latest value of each key wins and a tombstone removes its key.
     *
     * @throws StorageException if a record is not a valid offset record (the topic is internal, so
     *                          this means corruption or a newer, unknown format)
     */
    Map<OffsetKey, OffsetValue> replay() {
        Map<OffsetKey, OffsetValue> latest = new HashMap<>();
        long position = store.logStartOffset(PARTITION);
        long end = store.logEndOffset(PARTITION);
        while (position < end) {
            FetchResult fetch = store.read(PARTITION, position, FETCH_BYTES);
            if (fetch.isEmpty()) {
                break;
            }
            fetch.forEach((batch, record) -> {
                byte[] key = record.keyBytes();
                try {
                    if (key == null) {
                        throw new IllegalArgumentException("record has no key");
                    }
                    OffsetKey k = OffsetRecordFormat.decodeKey(key);
                    if (record.isTombstone()) {
                        latest.remove(k);
                    } else {
                        latest.put(k, OffsetRecordFormat.decodeValue(record.valueBytes()));
                    }
                } catch (IllegalArgumentException e) {
                    throw new StorageException("record at offset " + record.offset() + " of " + PARTITION
                            + " is not a valid committed-offset record: " + e.getMessage(), e);
                }
            });
            position = fetch.nextOffset();
        }
        return latest;
    }
}
