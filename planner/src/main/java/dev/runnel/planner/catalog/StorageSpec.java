package dev.runnel.planner.catalog;

import java.util.List;
import java.util.Objects;

/**
 * Where and how a relation's rows live in the log: topic, partition count, row format, the payload
 * columns whose values form the record key (partitioning and, for tables, the primary key), and the
 * dead-letter topic for records that cannot be decoded. Immutable.
 */
public record StorageSpec(String topic, int partitions, Format format, List<Integer> keyColumns,
        String deadLetterTopic) {
    public StorageSpec {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(format, "format");
        keyColumns = List.copyOf(keyColumns);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1");
        }
    }
}
