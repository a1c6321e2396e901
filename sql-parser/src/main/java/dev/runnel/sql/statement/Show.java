package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;

/** {@code SHOW STREAMS | TABLES | MATERIALIZED VIEWS | TOPICS | JOBS | SEARCHES | CONSUMER GROUPS | SETTINGS | CLUSTER}. Immutable. */
public record Show(ShowKind kind, SourcePos pos, String text) implements Statement {}
