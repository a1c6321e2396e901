package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;

/**
 * A query: {@code SELECT ...}, {@code VALUES ...}, {@code WITH ...}, set operations. {@code stream}
 * is true for {@code SELECT STREAM ...} (a push query that keeps running). Immutable.
 */
public record Query(QueryBody body, boolean stream, SourcePos pos, String text) implements Statement {}
