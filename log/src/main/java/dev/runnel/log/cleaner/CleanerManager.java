package dev.runnel.log.cleaner;

import dev.runnel.log.TopicPartition;
import dev.runnel.log.storage.PartitionLog;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compaction bookkeeping, Kafka's {@code LogCleanerManager} in small: per partition, the offset below
 * which the log is known clean (each key at most once) and the append time of the oldest tombstone
 * left there, and from those whether a partition needs a pass at all. A partition needs one when
 * inactive segments hold offsets at or above the clean point (new data was rolled out of the active
 * segment), or when the oldest kept tombstone has outlived {@code delete.retention.ms}.
 *
 * <p>Checkpoints live in memory only: after a restart each compacted partition gets one full pass.
 * A checkpoint belongs to one {@link PartitionLog} instance, so a topic deleted and created again
 * starts over. Thread-safe.
 */
final class CleanerManager {
    private record Checkpoint(PartitionLog log, long cleanedUpTo, long oldestTombstoneAppendTime) {}

    private final Map<TopicPartition, Checkpoint> checkpoints = new ConcurrentHashMap<>();

    /** Offsets below this are clean; the log start offset if no pass has completed on this log. */
    long firstDirtyOffset(PartitionLog log) {
        Checkpoint c = checkpoint(log);
        long start = log.logStartOffset();
        return c == null ? start : Math.max(start, c.cleanedUpTo());
    }

    /** Whether a pass over {@code log} at time {@code now} has anything to do. */
    boolean needsCleaning(PartitionLog log, long now) {
        if (firstDirtyOffset(log) < log.activeSegment().baseOffset()) {
            return true;
        }
        Checkpoint c = checkpoint(log);
        return c != null && c.oldestTombstoneAppendTime() != BatchFilter.NO_TOMBSTONE
                && now - c.oldestTombstoneAppendTime() > log.config().deleteRetentionMs();
    }

    /** Records a completed pass. */
    void passCompleted(PartitionLog log, long cleanedUpTo, long oldestTombstoneAppendTime) {
        checkpoints.put(log.topicPartition(), new Checkpoint(log, cleanedUpTo, oldestTombstoneAppendTime));
    }

    /** Forgets partitions that are no longer compacted (or no longer exist). */
    void retainOnly(Collection<PartitionLog> logs) {
        Set<PartitionLog> live = Collections.newSetFromMap(new IdentityHashMap<>());
        live.addAll(logs);
        checkpoints.values().removeIf(c -> !live.contains(c.log()));
    }

    private Checkpoint checkpoint(PartitionLog log) {
        Checkpoint c = checkpoints.get(log.topicPartition());
        return c != null && c.log() == log ? c : null;
    }
}
