package dev.runnel.planner.expr;

import dev.runnel.sql.type.DataType;

/**
 * A constant in the Java representation of its type (see {@code TypeKind}); null is SQL NULL.
 * Also used for the flag operands of calls (a time unit name for EXTRACT/FLOOR, a TRIM side).
 * Immutable.
 */
public record Literal(Object value, DataType type) implements Expr {}
