package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;

/** {@code EXPLAIN [ANALYZE] statement}, where the statement is a {@link Query} or {@link Insert}. Immutable. */
public record Explain(Statement statement, boolean analyze, SourcePos pos, String text) implements Statement {}
