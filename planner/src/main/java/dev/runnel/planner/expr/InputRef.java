package dev.runnel.planner.expr;

import dev.runnel.sql.type.DataType;

/** The value of input column {@code index}. Immutable. */
public record InputRef(int index, DataType type) implements Expr {
    public InputRef {
        if (index < 0) {
            throw new IllegalArgumentException("column index must be >= 0");
        }
    }
}
