package dev.runnel.exec.expr;

import dev.runnel.exec.expr.fn.Casts;
import dev.runnel.exec.expr.fn.Decimals;
import dev.runnel.exec.expr.fn.SqlErrors;
import dev.runnel.exec.expr.fn.TimeFunctions;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;

/**
 * Conversions between SQL values in their Java representations (see {@code TypeKind}): normalizing
 * literals and parameters, exact promotion and CAST. The interpreter uses them directly; compiled
 * code follows the same table. Stateless.
 */
public final class SqlValues {
    private SqlValues() {}

    /**
     * {@code v} in the exact Java class of {@code type} (a literal or bound parameter may arrive as
     * another Number, e.g. an Integer for a BIGINT). Null stays null.
     */
    public static Object coerce(Object v, DataType type) {
        if (v == null) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> (Boolean) v;
            case INT, DATE, INTERVAL_YEAR_MONTH -> ((Number) v).intValue();
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> ((Number) v).longValue();
            case DOUBLE -> ((Number) v).doubleValue();
            case DECIMAL -> v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
            case VARCHAR -> v.toString();
            case NULL -> null;
        };
    }

    /** {@code v} of type {@code from} as type {@code to}: exact promotion where {@link TypeRules#promotes}, else CAST. */
    public static Object convert(Object v, DataType from, DataType to) {
        if (v == null) {
            return null;
        }
        if (from.kind() == to.kind()) {
            return v;
        }
        if (TypeRules.promotes(from.kind(), to.kind())) {
            return promote(v, from.kind(), to.kind());
        }
        return cast(v, from, to);
    }

    private static Object promote(Object v, TypeKind from, TypeKind to) {
        return switch (to) {
            case BIGINT, INTERVAL_DAY_TIME -> ((Number) v).longValue();
            case DECIMAL -> BigDecimal.valueOf(((Number) v).longValue());
            case DOUBLE -> ((Number) v).doubleValue();
            case TIMESTAMP -> Casts.dateToTimestamp((Integer) v);
            case INTERVAL_YEAR_MONTH -> v;
            default -> throw new IllegalStateException(from + " does not promote to " + to);
        };
    }

    /** CAST(v AS to); unsupported pairs are 0A000 errors. */
    public static Object cast(Object v, DataType from, DataType to) {
        if (v == null || to.kind() == TypeKind.NULL) {
            return null;
        }
        TypeKind f = from.kind();
        return switch (to.kind()) {
            case BOOLEAN -> switch (f) {
                case BOOLEAN -> v;
                case INT, BIGINT -> ((Number) v).longValue() != 0;
                case DOUBLE -> (Double) v != 0.0;
                case DECIMAL -> ((BigDecimal) v).signum() != 0;
                case VARCHAR -> Casts.parseBoolean((String) v);
                default -> throw notCastable(from, to);
            };
            case INT -> switch (f) {
                case INT, INTERVAL_YEAR_MONTH -> v;
                case BIGINT, INTERVAL_DAY_TIME -> Casts.toInt((Long) v);
                case DOUBLE -> Casts.toInt((Double) v);
                case DECIMAL -> Casts.toInt((BigDecimal) v);
                case VARCHAR -> Casts.parseInt((String) v);
                case BOOLEAN -> (Boolean) v ? 1 : 0;
                default -> throw notCastable(from, to);
            };
            case BIGINT -> switch (f) {
                case INT, INTERVAL_YEAR_MONTH -> ((Integer) v).longValue();
                case BIGINT, INTERVAL_DAY_TIME -> v;
                case DOUBLE -> Casts.toLong((Double) v);
                case DECIMAL -> Casts.toLong((BigDecimal) v);
                case VARCHAR -> Casts.parseLong((String) v);
                case BOOLEAN -> (Boolean) v ? 1L : 0L;
                default -> throw notCastable(from, to);
            };
            case DOUBLE -> switch (f) {
                case INT, BIGINT, DOUBLE -> ((Number) v).doubleValue();
                case DECIMAL -> ((BigDecimal) v).doubleValue();
                case VARCHAR -> Casts.parseDouble((String) v);
                case BOOLEAN -> (Boolean) v ? 1.0 : 0.0;
                default -> throw notCastable(from, to);
            };
            case DECIMAL -> switch (f) {
                case INT, BIGINT -> Casts.toDecimal(((Number) v).longValue(), to.precision(), to.scale());
                case DOUBLE -> Casts.toDecimal((Double) v, to.precision(), to.scale());
                case DECIMAL -> Decimals.fit((BigDecimal) v, to.precision(), to.scale());
                case VARCHAR -> Casts.parseDecimal((String) v, to.precision(), to.scale());
                case BOOLEAN -> Casts.toDecimal((Boolean) v ? 1L : 0L, to.precision(), to.scale());
                default -> throw notCastable(from, to);
            };
            case VARCHAR -> Casts.truncate(toText(v, from, to), to.precision());
            case TIMESTAMP -> switch (f) {
                case TIMESTAMP -> v;
                case DATE -> Casts.dateToTimestamp((Integer) v);
                case VARCHAR -> TimeFunctions.parseTimestamp((String) v);
                default -> throw notCastable(from, to);
            };
            case DATE -> switch (f) {
                case DATE -> v;
                case TIMESTAMP -> Casts.timestampToDate((Long) v);
                case VARCHAR -> TimeFunctions.parseDate((String) v);
                default -> throw notCastable(from, to);
            };
            case INTERVAL_DAY_TIME -> switch (f) {
                case INTERVAL_DAY_TIME, BIGINT -> v;
                case INT -> ((Integer) v).longValue();
                default -> throw notCastable(from, to);
            };
            case INTERVAL_YEAR_MONTH -> switch (f) {
                case INTERVAL_YEAR_MONTH, INT -> v;
                case BIGINT -> Casts.toInt((Long) v);
                default -> throw notCastable(from, to);
            };
            case NULL -> null;
        };
    }

    private static String toText(Object v, DataType from, DataType to) {
        return switch (from.kind()) {
            case BOOLEAN -> Casts.toText((Boolean) v);
            case INT, BIGINT -> v.toString();
            case DOUBLE -> Casts.toText((Double) v);
            case DECIMAL -> Casts.toText((BigDecimal) v);
            case VARCHAR -> (String) v;
            case TIMESTAMP -> TimeFunctions.formatTimestamp((Long) v);
            case DATE -> TimeFunctions.formatDate((Integer) v);
            case INTERVAL_DAY_TIME -> TimeFunctions.formatDayTimeInterval((Long) v);
            case INTERVAL_YEAR_MONTH -> TimeFunctions.formatYearMonthInterval((Integer) v);
            case NULL -> throw notCastable(from, to);
        };
    }

    /** Whether CAST from {@code from} to {@code to} is supported. */
    public static boolean castable(DataType from, DataType to) {
        if (from.kind() == TypeKind.NULL || to.kind() == TypeKind.NULL || to.kind() == TypeKind.VARCHAR) {
            return true;
        }
        TypeKind f = from.kind();
        return switch (to.kind()) {
            case BOOLEAN -> f == TypeKind.BOOLEAN || f.isNumeric() || f == TypeKind.VARCHAR;
            case INT, BIGINT -> f.isNumeric() || f == TypeKind.VARCHAR || f == TypeKind.BOOLEAN
                    || f == TypeKind.INTERVAL_YEAR_MONTH || f == TypeKind.INTERVAL_DAY_TIME;
            case DOUBLE, DECIMAL -> f.isNumeric() || f == TypeKind.VARCHAR || f == TypeKind.BOOLEAN;
            case TIMESTAMP, DATE -> f == TypeKind.TIMESTAMP || f == TypeKind.DATE || f == TypeKind.VARCHAR;
            case INTERVAL_DAY_TIME -> f == TypeKind.INTERVAL_DAY_TIME || f == TypeKind.INT || f == TypeKind.BIGINT;
            case INTERVAL_YEAR_MONTH -> f == TypeKind.INTERVAL_YEAR_MONTH || f == TypeKind.INT || f == TypeKind.BIGINT;
            default -> false;
        };
    }

    static RuntimeException notCastable(DataType from, DataType to) {
        return SqlErrors.unsupported("cannot cast " + from.toSql() + " to " + to.toSql());
    }
}
