package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;

/**
 * {@code WATERMARK FOR column AS expression}: the expression (usually {@code column - INTERVAL ...})
 * parsed by Calcite as a standalone expression. Immutable.
 */
public record WatermarkDef(String column, QueryBody expression, SourcePos pos) {}
