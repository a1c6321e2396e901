package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;

/**
 * {@code CREATE SEARCH [IF NOT EXISTS] name ON stream WHERE condition}: a standing search, matched
 * against every new event of {@code stream}. {@code condition} is the WHERE condition parsed by
 * Calcite as an expression, positioned in the script. Immutable.
 */
public record CreateSearch(String name, String stream, QueryBody condition, boolean ifNotExists, SourcePos pos,
        String text) implements Statement {}
