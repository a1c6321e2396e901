package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;

/**
 * {@code INSERT INTO target [(cols)] VALUES ... | SELECT ...}: the whole statement parsed by
 * Calcite (the node is a {@code SqlInsert}); {@code target} is the target name as written. Immutable.
 */
public record Insert(String target, QueryBody body, SourcePos pos, String text) implements Statement {}
