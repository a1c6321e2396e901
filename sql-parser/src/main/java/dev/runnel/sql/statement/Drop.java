package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;

/** {@code DROP STREAM|TABLE|MATERIALIZED VIEW|TOPIC|JOB|SEARCH [IF EXISTS] name [RESTRICT|CASCADE]}. Immutable. */
public record Drop(ObjectKind kind, String name, boolean ifExists, boolean cascade, SourcePos pos, String text)
        implements Statement {}
