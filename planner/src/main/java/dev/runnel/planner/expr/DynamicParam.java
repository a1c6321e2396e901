package dev.runnel.planner.expr;

import dev.runnel.sql.type.DataType;

/** A {@code ?} parameter of a prepared statement (0-based), bound to a value at execution. Immutable. */
public record DynamicParam(int index, DataType type) implements Expr {}
