package dev.runnel.log;

/** Where an acknowledged batch landed: its first and last offsets and the log's append time. Immutable. */
public record AppendResult(TopicPartition partition, long firstOffset, long lastOffset, long appendTime,
        int recordCount) {}
