package dev.runnel.log;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The partitioned, append-only log Runnel stores streams, tables and its own catalog in: topics of
 * partitions, addressed by offsets, with retention, compaction and consumer groups. Shaped after
 * Kafka's client model so a Kafka-backed implementation can sit behind the same interface.
 *
 * <p>Implementations are thread-safe. Each partition has one appender at a time (appends to one
 * partition serialize) and any number of readers.
 */
public interface LogStore extends AutoCloseable {

    // ---- admin ----

    /** Creates a topic. Crash-safe: after a crash the topic either exists whole or not at all. */
    void createTopic(String name, TopicConfig config);

    /**
     * Creates an internal topic (name starting with {@code __}, such as the engine's catalog) unless
     * it exists. Internal topics cannot be created through {@link #createTopic} nor deleted. Safe to
     * call concurrently: exactly one caller creates the topic.
     */
    default void createInternalTopicIfAbsent(String name, TopicConfig config) {
        if (!topicExists(name)) {
            try {
                createTopic(name, config);
            } catch (TopicExistsException e) {
                // created by a concurrent caller: that is what we wanted
            }
        }
    }

    /** Deletes a topic and all its data. */
    void deleteTopic(String name);

    boolean topicExists(String name);

    /** User and internal topic names, sorted. */
    Set<String> listTopics();

    TopicDescription describeTopic(String name);

    /** Changes configuration keys of a topic (not {@code partitions}); takes effect at once. */
    TopicDescription alterTopicConfig(String name, Map<String, String> changes);

    // ---- produce ----

    /**
     * Appends records to one partition as one batch (split into several if larger than about
     * 1 MiB). Returns once acknowledged under the topic's fsync policy.
     *
     * @throws RecordTooLargeException if a record is larger than {@code max.record.bytes}; nothing is written
     */
    default List<AppendResult> append(TopicPartition partition, List<Record> records) {
        return append(partition, records, ProducerTag.NONE);
    }

    /**
     * As {@link #append(TopicPartition, List)}, each batch written with {@code tag} (advanced by
     * the records of the batches before it, see {@link ProducerTag#advance}).
     */
    List<AppendResult> append(TopicPartition partition, List<Record> records, ProducerTag tag);

    /**
     * Appends one payload batch standing for {@code rowCount} consecutive offsets (see
     * {@link dev.runnel.log.record.RecordBatch}): how the engine stores columnar blocks of rows.
     *
     * @param firstTimestamp event time of the first row; {@code maxTimestamp} the largest in the block
     */
    default AppendResult appendPayload(TopicPartition partition, java.nio.ByteBuffer payload, int rowCount,
            long firstTimestamp, long maxTimestamp) {
        return appendPayload(partition, payload, rowCount, firstTimestamp, maxTimestamp, ProducerTag.NONE);
    }

    /**
     * Whether {@link #appendPayload} can store payload batches (one block standing for many offsets).
     * The embedded store can; a store with one offset per stored record (Kafka) cannot, and the
     * engine then writes rows as records.
     */
    default boolean supportsPayloadBatches() {
        return true;
    }

    /** As {@link #appendPayload(TopicPartition, java.nio.ByteBuffer, int, long, long)}, written with {@code tag}. */
    AppendResult appendPayload(TopicPartition partition, java.nio.ByteBuffer payload, int rowCount,
            long firstTimestamp, long maxTimestamp, ProducerTag tag);

    /** Partitions records by key (see {@link Partitioner}) and appends each partition's share. */
    List<AppendResult> send(String topic, List<Record> records);

    // ---- read ----

    /**
     * Whole batches from {@code offset}, about {@code maxBytes} (at least one batch if there is one).
     * An offset equal to the log end offset returns an empty result.
     *
     * @throws OffsetOutOfRangeException below the log start offset or past the end
     * @throws UnknownTopicException     for a topic or partition that does not exist
     */
    FetchResult read(TopicPartition partition, long offset, int maxBytes);

    /**
     * Hands each record of {@code partition} from its log start to its end at the time of the call,
     * in offset order, to {@code visit} until it returns false (columnar payload blocks are not
     * records and are skipped): how a small topic (a checkpoint or dead-letter topic) is read whole.
     */
    default void forEachRecord(TopicPartition partition, java.util.function.Predicate<dev.runnel.log.record.RecordCursor> visit) {
        long pos = logStartOffset(partition);
        long end = logEndOffset(partition);
        while (pos < end) {
            FetchResult f = read(partition, pos, 1 << 20);
            if (f.isEmpty()) {
                return;
            }
            for (dev.runnel.log.record.RecordBatch b : f) {
                if (b.isPayload()) {
                    continue;
                }
                dev.runnel.log.record.RecordCursor c = b.records();
                while (c.next()) {
                    if (c.offset() >= pos && c.offset() < end && !visit.test(c)) {
                        return;
                    }
                }
            }
            pos = Math.max(pos + 1, f.nextOffset());
        }
    }

    /**
     * Like {@link #read(TopicPartition, long, int)} with {@code maxBytes = into.capacity()}, but reads
     * into the caller's buffer instead of allocating (and zeroing) a new one per fetch: how a scan
     * that fetches in a loop avoids an allocation and, with a direct buffer, a copy per fetch.
     *
     * <p>Ownership: the result's {@link FetchResult#records()} is then a read-only view of
     * {@code into}, valid only until the caller writes to {@code into} again (the next read into it);
     * the caller must not keep the result, or anything sliced from it, past that. {@code into}'s
     * position and limit are changed; its contents are whole batches from index 0. If the first
     * batch at {@code offset} is larger than {@code into}, the result holds a buffer of its own
     * instead. Implementations that cannot read into a caller's buffer may always return a buffer of
     * their own (this default does).
     */
    default FetchResult read(TopicPartition partition, long offset, java.nio.ByteBuffer into) {
        return read(partition, offset, into.capacity());
    }

    long logStartOffset(TopicPartition partition);

    long logEndOffset(TopicPartition partition);

    /** First offset whose event time is >= {@code timestamp}; empty if no such record exists yet. */
    OptionalLong offsetForTimestamp(TopicPartition partition, long timestamp);

    /**
     * Blocks until some partition in {@code positions} has data at or after its given offset, or the
     * timeout passes. Returns true if data is there. No busy polling.
     */
    boolean awaitData(Map<TopicPartition, Long> positions, long timeoutMs) throws InterruptedException;

    /** A consumer handle (not thread-safe: one per thread). */
    Consumer consumer(ConsumerConfig config);

    /** Consumer groups: membership, assignment, committed offsets and lag. */
    ConsumerGroups groups();

    @Override
    void close();
}
