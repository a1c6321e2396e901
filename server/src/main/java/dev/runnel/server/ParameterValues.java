package dev.runnel.server;

import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Converts JDBC parameter values ({@link TypedValue}s, as the driver's setters made them) into the
 * engine's Java representation of each parameter's type. Date-times arrive already in local form
 * (Avatica has applied the connection's calendar): a TIMESTAMP as epoch millis of its wall-clock
 * time, a DATE as days. Stateless.
 */
final class ParameterValues {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final DateTimeFormatter TIMESTAMP_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter();

    private ParameterValues() {}

    /**
     * The engine values for {@code values}, coerced to {@code types} where the statement declared
     * them (an unknown type passes the value as the setter gave it).
     */
    static List<Object> toEngine(List<TypedValue> values, List<DataType> types) {
        List<Object> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            TypedValue v = values.get(i);
            if (v == null) {
                throw new RunnelSqlException("07001", "parameter " + (i + 1) + " has no value", SourcePos.UNKNOWN);
            }
            TypeKind target = i < types.size() ? types.get(i).kind() : TypeKind.NULL;
            DataType type = i < types.size() ? types.get(i) : null;
            try {
                out.add(convert(v, type, target));
            } catch (ArithmeticException | NumberFormatException | DateTimeParseException | ClassCastException e) {
                throw new RunnelSqlException("22000", "parameter " + (i + 1) + ": cannot use " + describe(v)
                        + " as " + (type == null ? target.name() : type.toSql()), SourcePos.UNKNOWN, e);
            }
        }
        return out;
    }

    private static Object convert(TypedValue v, DataType type, TypeKind target) {
        Object local = v.toLocal();
        if (local == null) {
            return null;
        }
        if (v.type == Rep.JAVA_SQL_TIME) {
            throw new ClassCastException("Runnel has no TIME type");
        }
        return switch (target) {
            case NULL -> local;
            case BOOLEAN -> local instanceof Boolean b ? b
                    : local instanceof String s ? parseBoolean(s) : ((Number) local).intValue() != 0;
            case INT -> local instanceof String s ? Integer.valueOf(s.trim()) : Math.toIntExact(exactLong(local));
            case BIGINT -> local instanceof String s ? Long.valueOf(s.trim()) : exactLong(local);
            case DOUBLE -> local instanceof String s ? Double.valueOf(s.trim()) : ((Number) local).doubleValue();
            case DECIMAL -> decimal(local, type);
            case VARCHAR -> local instanceof String s ? s : String.valueOf(local);
            case TIMESTAMP -> timestamp(v.type, local);
            case DATE -> date(v.type, local);
            case INTERVAL_DAY_TIME -> exactLong(local);
            case INTERVAL_YEAR_MONTH -> Math.toIntExact(exactLong(local));
        };
    }

    private static boolean parseBoolean(String s) {
        String t = s.trim();
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw new NumberFormatException("not a boolean: " + s);
    }

    private static long exactLong(Object local) {
        if (local instanceof BigDecimal d) {
            return d.longValueExact();
        }
        if (local instanceof Double || local instanceof Float) {
            double d = ((Number) local).doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw new ArithmeticException("not a whole number: " + d);
            }
            return BigDecimal.valueOf(d).longValueExact();
        }
        return ((Number) local).longValue();
    }

    private static BigDecimal decimal(Object local, DataType type) {
        BigDecimal d = local instanceof BigDecimal b ? b
                : local instanceof String s ? new BigDecimal(s.trim())
                : local instanceof Double || local instanceof Float ? BigDecimal.valueOf(((Number) local).doubleValue())
                : BigDecimal.valueOf(((Number) local).longValue());
        BigDecimal scaled = d.setScale(type.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() > type.precision()) {
            throw new ArithmeticException(d + " does not fit " + type.toSql());
        }
        return scaled;
    }

    private static Long timestamp(Rep rep, Object local) {
        if (rep == Rep.JAVA_SQL_DATE) {
            return ((Number) local).longValue() * MILLIS_PER_DAY;
        }
        if (local instanceof Number n) {
            return n.longValue();
        }
        if (local instanceof String s) {
            return LocalDateTime.parse(s.trim(), TIMESTAMP_TEXT).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (local instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (local instanceof LocalDate d) {
            return d.toEpochDay() * MILLIS_PER_DAY;
        }
        if (local instanceof Instant i) {
            return i.toEpochMilli();
        }
        throw new ClassCastException(local.getClass().getName());
    }

    private static Integer date(Rep rep, Object local) {
        if (rep == Rep.JAVA_SQL_TIMESTAMP || rep == Rep.JAVA_UTIL_DATE) {
            return Math.toIntExact(Math.floorDiv(((Number) local).longValue(), MILLIS_PER_DAY));
        }
        if (local instanceof Number n) {
            return Math.toIntExact(n.longValue());
        }
        if (local instanceof String s) {
            return Math.toIntExact(LocalDate.parse(s.trim()).toEpochDay());
        }
        if (local instanceof LocalDate d) {
            return Math.toIntExact(d.toEpochDay());
        }
        if (local instanceof LocalDateTime t) {
            return Math.toIntExact(t.toLocalDate().toEpochDay());
        }
        throw new ClassCastException(local.getClass().getName());
    }

    private static String describe(TypedValue v) {
        Object local = v.toLocal();
        return local instanceof String s ? "'" + s + "'" : String.valueOf(local);
    }
}
