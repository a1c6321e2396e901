package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;

/** {@code DESCRIBE name} (columns, options, counters) or {@code DESCRIBE TOPIC name} (partitions, offsets). Immutable. */
public record Describe(String name, boolean topic, SourcePos pos, String text) implements Statement {}
