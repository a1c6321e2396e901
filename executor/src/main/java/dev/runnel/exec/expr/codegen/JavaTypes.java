package dev.runnel.exec.expr.codegen;

import dev.runnel.sql.type.TypeKind;

/** The Java type generated code holds each SQL type in, and its zero value. Stateless. */
final class JavaTypes {
    private JavaTypes() {}

    static String of(TypeKind k) {
        return switch (k) {
            case BOOLEAN, NULL -> "boolean";
            case INT, DATE, INTERVAL_YEAR_MONTH -> "int";
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> "long";
            case DOUBLE -> "double";
            case DECIMAL -> "java.math.BigDecimal";
            case VARCHAR -> "byte[]";
        };
    }

    static String zero(TypeKind k) {
        return switch (k) {
            case BOOLEAN, NULL -> "false";
            case INT, DATE, INTERVAL_YEAR_MONTH -> "0";
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> "0L";
            case DOUBLE -> "0.0";
            case DECIMAL -> "((java.math.BigDecimal) null)";
            case VARCHAR -> "((byte[]) null)";
        };
    }

    /** The Arrow vector class a column of this kind uses (see ArrowTypes). */
    static String vector(TypeKind k) {
        return switch (k) {
            case BOOLEAN -> "org.apache.arrow.vector.BitVector";
            case INT, INTERVAL_YEAR_MONTH -> "org.apache.arrow.vector.IntVector";
            case BIGINT, INTERVAL_DAY_TIME -> "org.apache.arrow.vector.BigIntVector";
            case DOUBLE -> "org.apache.arrow.vector.Float8Vector";
            case DECIMAL -> "org.apache.arrow.vector.DecimalVector";
            case VARCHAR -> "org.apache.arrow.vector.VarCharVector";
            case TIMESTAMP -> "org.apache.arrow.vector.TimeStampMilliVector";
            case DATE -> "org.apache.arrow.vector.DateDayVector";
            case NULL -> "org.apache.arrow.vector.NullVector";
        };
    }

    /** The boxed class a constant or parameter of this kind is passed as. */
    static String boxed(TypeKind k) {
        return switch (k) {
            case BOOLEAN, NULL -> "Boolean";
            case INT, DATE, INTERVAL_YEAR_MONTH -> "Integer";
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> "Long";
            case DOUBLE -> "Double";
            case DECIMAL -> "java.math.BigDecimal";
            case VARCHAR -> "byte[]";
        };
    }

    /** Unboxes {@code expr} (of {@link #boxed} type) to {@link #of}. */
    static String unbox(TypeKind k, String expr) {
        return switch (k) {
            case BOOLEAN, NULL -> "((Boolean) " + expr + ").booleanValue()";
            case INT, DATE, INTERVAL_YEAR_MONTH -> "((Integer) " + expr + ").intValue()";
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> "((Long) " + expr + ").longValue()";
            case DOUBLE -> "((Double) " + expr + ").doubleValue()";
            case DECIMAL -> "((java.math.BigDecimal) " + expr + ")";
            case VARCHAR -> "((byte[]) " + expr + ")";
        };
    }
}
