package dev.runnel.exec.expr.codegen;

import dev.runnel.sql.type.DataType;

/**
 * A value in generated code: a side-effect-free Java boolean expression telling whether it is NULL
 * (a local, or {@code true}/{@code false}), a Java expression of the value (a local or constant,
 * meaningful only when not NULL) and its SQL type. Immutable.
 */
record Val(String isNull, String value, DataType type) {
    boolean neverNull() {
        return isNull.equals("false");
    }

    boolean alwaysNull() {
        return isNull.equals("true");
    }
}
