package dev.runnel.exec.expr.codegen;

import dev.runnel.exec.expr.SqlValues;
import dev.runnel.exec.expr.TypeRules;
import dev.runnel.exec.expr.fn.SqlErrors;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;

/**
 * Generates conversions: exact promotions (INT to BIGINT, numbers to DECIMAL or DOUBLE, DATE to
 * TIMESTAMP) and CAST, following {@link SqlValues#cast}'s table. Single-threaded.
 */
final class CastCodegen {
    private static final String FN = "dev.runnel.exec.expr.fn.";
    private final ExprCodegen g;

    CastCodegen(ExprCodegen g) {
        this.g = g;
    }

    /** {@code v} as {@code to}: itself when the kinds match, a promotion when exact, else a CAST. */
    Val convert(Val v, DataType to) {
        TypeKind f = v.type().kind();
        TypeKind t = to.kind();
        if (f == t) {
            return v;
        }
        if (v.alwaysNull() || f == TypeKind.NULL) {
            return new Val("true", JavaTypes.zero(t), to);
        }
        if (TypeRules.promotes(f, t)) {
            String x = v.value();
            return switch (t) {
                case BIGINT, INTERVAL_DAY_TIME -> new Val(v.isNull(), "((long) " + x + ")", to);
                case DOUBLE -> f == TypeKind.DECIMAL ? g.strict(to, v, x + ".doubleValue()")
                        : new Val(v.isNull(), "((double) " + x + ")", to);
                case DECIMAL -> g.strict(to, v, "java.math.BigDecimal.valueOf((long) " + x + ")");
                case TIMESTAMP -> new Val(v.isNull(), "(" + x + " * 86400000L)", to);
                case INTERVAL_YEAR_MONTH -> new Val(v.isNull(), x, to);
                default -> throw new IllegalStateException(f + " to " + t);
            };
        }
        return cast(v, to);
    }

    /** CAST(v AS to). */
    Val cast(Val v, DataType to) {
        TypeKind f = v.type().kind();
        TypeKind t = to.kind();
        if (t == TypeKind.NULL || f == TypeKind.NULL || v.alwaysNull()) {
            return new Val("true", JavaTypes.zero(t), to);
        }
        if (!SqlValues.castable(v.type(), to)) {
            throw SqlErrors.unsupported("cannot cast " + v.type().toSql() + " to " + to.toSql());
        }
        String x = v.value();
        int p = to.precision();
        int s = to.scale();
        String expr = switch (t) {
            case BOOLEAN -> switch (f) {
                case BOOLEAN -> x;
                case INT, BIGINT -> "(" + x + " != 0)";
                case DOUBLE -> "(" + x + " != 0.0)";
                case DECIMAL -> "(" + x + ".signum() != 0)";
                default -> FN + "Casts.parseBoolean(" + text(x) + ")";
            };
            case INT -> switch (f) {
                case INT, INTERVAL_YEAR_MONTH -> x;
                case BIGINT, INTERVAL_DAY_TIME, DOUBLE, DECIMAL -> FN + "Casts.toInt(" + x + ")";
                case VARCHAR -> FN + "Casts.parseInt(" + text(x) + ")";
                default -> "(" + x + " ? 1 : 0)";
            };
            case BIGINT -> switch (f) {
                case INT, INTERVAL_YEAR_MONTH -> "((long) " + x + ")";
                case BIGINT, INTERVAL_DAY_TIME -> x;
                case DOUBLE, DECIMAL -> FN + "Casts.toLong(" + x + ")";
                case VARCHAR -> FN + "Casts.parseLong(" + text(x) + ")";
                default -> "(" + x + " ? 1L : 0L)";
            };
            case DOUBLE -> switch (f) {
                case INT, BIGINT, DOUBLE -> "((double) " + x + ")";
                case DECIMAL -> x + ".doubleValue()";
                case VARCHAR -> FN + "Casts.parseDouble(" + text(x) + ")";
                default -> "(" + x + " ? 1.0 : 0.0)";
            };
            case DECIMAL -> switch (f) {
                case INT, BIGINT -> FN + "Casts.toDecimal((long) " + x + ", " + p + ", " + s + ")";
                case DOUBLE -> FN + "Casts.toDecimal(" + x + ", " + p + ", " + s + ")";
                case DECIMAL -> FN + "Decimals.fit(" + x + ", " + p + ", " + s + ")";
                case VARCHAR -> FN + "Casts.parseDecimal(" + text(x) + ", " + p + ", " + s + ")";
                default -> FN + "Casts.toDecimal(" + x + " ? 1L : 0L, " + p + ", " + s + ")";
            };
            case VARCHAR -> {
                if (f == TypeKind.VARCHAR && p < 0) {
                    yield x;
                }
                String str = switch (f) {
                    case BOOLEAN, DOUBLE, DECIMAL -> FN + "Casts.toText(" + x + ")";
                    case INT, BIGINT -> "String.valueOf(" + x + ")";
                    case VARCHAR -> text(x);
                    case TIMESTAMP -> FN + "TimeFunctions.formatTimestamp(" + x + ")";
                    case DATE -> FN + "TimeFunctions.formatDate(" + x + ")";
                    case INTERVAL_DAY_TIME -> FN + "TimeFunctions.formatDayTimeInterval(" + x + ")";
                    case INTERVAL_YEAR_MONTH -> FN + "TimeFunctions.formatYearMonthInterval(" + x + ")";
                    case NULL -> throw new IllegalStateException();
                };
                if (p >= 0) {
                    str = FN + "Casts.truncate(" + str + ", " + p + ")";
                }
                yield FN + "Utf8.encode(" + str + ")";
            }
            case TIMESTAMP -> switch (f) {
                case TIMESTAMP -> x;
                case DATE -> FN + "Casts.dateToTimestamp(" + x + ")";
                default -> FN + "TimeFunctions.parseTimestamp(" + text(x) + ")";
            };
            case DATE -> switch (f) {
                case DATE -> x;
                case TIMESTAMP -> FN + "Casts.timestampToDate(" + x + ")";
                default -> FN + "TimeFunctions.parseDate(" + text(x) + ")";
            };
            case INTERVAL_DAY_TIME -> f == TypeKind.INT ? "((long) " + x + ")" : x;
            case INTERVAL_YEAR_MONTH -> f == TypeKind.BIGINT ? FN + "Casts.toInt(" + x + ")" : x;
            case NULL -> throw new IllegalStateException();
        };
        if (expr.equals(x)) {
            return new Val(v.isNull(), x, to);
        }
        return g.strict(to, v, expr);
    }

    private static String text(String bytesExpr) {
        return FN + "Utf8.decode(" + bytesExpr + ")";
    }
}
