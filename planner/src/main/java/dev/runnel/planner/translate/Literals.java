package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.TypeMapping;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.expr.Literal;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Converts Calcite literals to Runnel {@link Literal}s in the Java representation of their type
 * (see {@code TypeKind}), and converts constant values between Runnel types with SQL CAST's
 * rules for numbers (integers truncate toward zero, decimals round half up, overflow is a data
 * error). Symbols (a time unit, a TRIM side) become VARCHAR literals holding the symbol's name.
 * Stateless and thread-safe.
 */
public final class Literals {
    private Literals() {}

    public static Literal of(RexLiteral lit) {
        DataType type = TypeMapping.toDataType(lit.getType());
        return new Literal(valueOf(lit, type), type);
    }

    /** The literal's value in the Java representation of {@code type} (its own type or one it converts to). */
    public static Object valueOf(RexLiteral lit, DataType type) {
        if (lit.isNull()) {
            return null;
        }
        SqlTypeName name = lit.getTypeName();
        if (name == SqlTypeName.SYMBOL) {
            Object v = lit.getValue();
            return v instanceof Enum<?> e ? e.name() : String.valueOf(v);
        }
        DataType own = TypeMapping.toDataType(lit.getType());
        Object ownValue = switch (own.kind()) {
            case BOOLEAN -> lit.getValueAs(Boolean.class);
            case INT, BIGINT, DOUBLE, DECIMAL -> toBigDecimalOrDouble(lit.getValue());
            case VARCHAR -> lit.getValueAs(String.class);
            case TIMESTAMP -> lit.getValueAs(Long.class);
            case DATE -> lit.getValueAs(Integer.class);
            case INTERVAL_DAY_TIME -> lit.getValueAs(BigDecimal.class).longValueExact();
            case INTERVAL_YEAR_MONTH -> lit.getValueAs(BigDecimal.class).intValueExact();
            case NULL -> null;
        };
        return convert(ownValue, own, type);
    }

    /** True when {@link #convert} can change a value of type {@code from} into type {@code to}. */
    public static boolean convertible(DataType from, DataType to) {
        return from.kind() == TypeKind.NULL || from.kind() == to.kind()
                || (from.kind().isNumeric() && to.kind().isNumeric());
    }

    /**
     * Converts a constant between types. Numbers convert among the numeric types; other kinds only to
     * themselves (or from NULL). Numeric values may be given as any {@link Number}.
     */
    public static Object convert(Object value, DataType from, DataType to) {
        if (value == null) {
            return null;
        }
        if (!convertible(from, to)) {
            throw Unsupported.of("converting a " + from.kind() + " constant to " + to.toSql());
        }
        return switch (to.kind()) {
            case INT -> (int) integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE, to);
            case BIGINT -> integral(value, Long.MIN_VALUE, Long.MAX_VALUE, to);
            case DOUBLE -> ((Number) value).doubleValue();
            case DECIMAL -> decimal(value, to);
            default -> value;
        };
    }

    private static Object toBigDecimalOrDouble(Object raw) {
        if (raw instanceof BigDecimal || raw instanceof Double) {
            return raw;
        }
        if (raw instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        throw Unsupported.of("the numeric literal " + raw);
    }

    private static long integral(Object value, long min, long max, DataType to) {
        BigDecimal bd = asBigDecimal(value).setScale(0, RoundingMode.DOWN);
        if (bd.compareTo(BigDecimal.valueOf(min)) < 0 || bd.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw outOfRange(value, to);
        }
        return bd.longValueExact();
    }

    private static BigDecimal decimal(Object value, DataType to) {
        BigDecimal bd = asBigDecimal(value).setScale(to.scale(), RoundingMode.HALF_UP);
        if (bd.precision() - bd.scale() > to.precision() - to.scale()) {
            throw outOfRange(value, to);
        }
        return bd;
    }

    private static BigDecimal asBigDecimal(Object value) {
        if (value instanceof BigDecimal bd) {
            return bd;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new RunnelSqlException("22000", "cannot convert " + d + " to an exact number", SourcePos.UNKNOWN);
            }
            return BigDecimal.valueOf(d);
        }
        return new BigDecimal(value.toString());
    }

    private static RunnelSqlException outOfRange(Object value, DataType to) {
        return new RunnelSqlException("22000", "the value " + value + " is out of range for " + to.toSql(),
                SourcePos.UNKNOWN);
    }
}
