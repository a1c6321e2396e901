package dev.runnel.planner.expr;

import dev.runnel.sql.type.DataType;

/**
 * A scalar expression over the columns of one input row, in Runnel's own terms (the executor never
 * sees Calcite's RexNode). The executor compiles it to Java over Arrow vectors.
 */
public sealed interface Expr permits InputRef, Literal, Call, DynamicParam {
    DataType type();
}
