package dev.runnel.log;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads partitions in order, tracking a position per partition, like Kafka's consumer. Either
 * {@link #assign} partitions explicitly, or {@link #subscribe} to topics through the consumer group
 * named in its {@link ConsumerConfig}, which assigns partitions among the group's members and
 * rebalances when members come and go (noticed on {@link #poll}).
 *
 * <p>Call order: assign or subscribe, then poll (and commit) in a loop, then close (which leaves the
 * group). Not thread-safe: use one consumer per thread.
 */
public interface Consumer extends AutoCloseable {

    void assign(Collection<TopicPartition> partitions);

    /** Joins the configured group for these topics. */
    void subscribe(Collection<String> topics);

    /** The partitions this consumer reads now (after the latest rebalance, for a group member). */
    Set<TopicPartition> assignment();

    /**
     * Whole batches from the assigned partitions at their positions, advancing the positions.
     * Blocks up to {@code timeout} while there is no data (woken by appends, no busy polling).
     * For a group member, also heartbeats and picks up a new assignment.
     */
    List<FetchResult> poll(Duration timeout);

    long position(TopicPartition partition);

    void seek(TopicPartition partition, long offset);

    void seekToBeginning(Collection<TopicPartition> partitions);

    void seekToEnd(Collection<TopicPartition> partitions);

    /** Moves to the first record with event time >= {@code timestamp} (the end if there is none). */
    void seekToTimestamp(Collection<TopicPartition> partitions, long timestamp);

    /** Commits the current positions of all assigned partitions to the group. */
    void commitSync();

    void commitSync(Map<TopicPartition, Long> offsets);

    OptionalLong committed(TopicPartition partition);

    @Override
    void close();
}
