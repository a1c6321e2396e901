package dev.runnel.exec.expr;

import dev.runnel.exec.expr.fn.Casts;
import dev.runnel.exec.expr.fn.Decimals;
import dev.runnel.exec.expr.fn.LikeMatcher;
import dev.runnel.exec.expr.fn.MathFunctions;
import dev.runnel.exec.expr.fn.StringFunctions;
import dev.runnel.exec.expr.fn.TimeFunctions;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Literal;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The interpreter's string, time and numeric functions over Java values with no NULL operands.
 * String functions work on UTF-16 text and code points, independently of the UTF-8 byte code the
 * compiler emits, so the two check each other. Single-threaded (memoizes patterns).
 */
final class InterpretedFunctions {
    private final Map<List<String>, LikeMatcher> likes = new HashMap<>();
    private final Map<String, Pattern> regexes = new HashMap<>();
    private final Map<String, DateTimeFormatter> formats = new HashMap<>();
    private InterpretedScalars scalars;

    Object call(Call c, Object[] a) {
        List<Expr> ops = c.operands();
        DataType t = c.type();
        switch (c.op()) {
            case LIKE: {
                String escape = a.length > 2 ? (String) a[2] : null;
                List<String> key = java.util.Arrays.asList((String) a[1], escape);
                LikeMatcher m = likes.get(key);
                if (m == null) {
                    m = LikeMatcher.compile((String) a[1], escape);
                    likes.put(key, m);
                }
                return m.matchesText((String) a[0]);
            }
            case SUBSTRING:
                return substring((String) a[0], ((Number) a[1]).longValue(),
                        a.length > 2 ? ((Number) a[2]).longValue() : -1, a.length > 2);
            case UPPER:
                return ((String) a[0]).toUpperCase(Locale.ROOT);
            case LOWER:
                return ((String) a[0]).toLowerCase(Locale.ROOT);
            case CHAR_LENGTH: {
                String s = (String) a[0];
                return integral(s.codePointCount(0, s.length()), t);
            }
            case TRIM: {
                int side = StringFunctions.trimSide((String) a[0]);
                return a.length == 2 ? StringFunctions.trim(side, " ", (String) a[1])
                        : StringFunctions.trim(side, (String) a[1], (String) a[2]);
            }
            case CONCAT: {
                StringBuilder sb = new StringBuilder();
                for (Object o : a) {
                    sb.append((String) o);
                }
                return sb.toString();
            }
            case CONTAINS_TOKEN:
                return dev.runnel.exec.expr.fn.Tokens.containsToken((String) a[0], (String) a[1]);
            case SPLIT_INDEX:
                return StringFunctions.splitIndex((String) a[0], (String) a[1], ((Number) a[2]).longValue());
            case REPLACE:
                return ((String) a[0]).replace((String) a[1], (String) a[2]);
            case REGEXP_EXTRACT:
                return StringFunctions.regexpExtract(regexes.computeIfAbsent((String) a[1], StringFunctions::regex),
                        (String) a[0], a.length > 2 ? ((Number) a[2]).longValue() : StringFunctions.DEFAULT_GROUP);
            case POSITION: {
                String sub = (String) a[0];
                String s = (String) a[1];
                int at = s.indexOf(sub);
                return integral(at < 0 ? 0 : s.codePointCount(0, at) + 1, t);
            }
            case EXTRACT: {
                long v = TimeFunctions.extract(unit(ops.get(0)), millis(a[1], ops.get(1).type()));
                return integral(v, t);
            }
            case FLOOR_TIME:
            case CEIL_TIME: {
                boolean floor = c.op() == dev.runnel.planner.expr.Operator.FLOOR_TIME;
                int unit = unit(ops.get(1));
                Object r;
                if (ops.get(0).type().kind() == TypeKind.DATE) {
                    r = floor ? TimeFunctions.floorDate(unit, (Integer) a[0]) : TimeFunctions.ceilDate(unit, (Integer) a[0]);
                    return SqlValues.convert(r, DataType.of(TypeKind.DATE), t);
                }
                long ts = (Long) SqlValues.convert(a[0], ops.get(0).type(), DataType.of(TypeKind.TIMESTAMP));
                r = floor ? TimeFunctions.floor(unit, ts) : TimeFunctions.ceil(unit, ts);
                return SqlValues.convert(r, DataType.of(TypeKind.TIMESTAMP), t);
            }
            case DATE_FORMAT: {
                long ms = millis(a[0], ops.get(0).type());
                DateTimeFormatter f = formats.computeIfAbsent((String) a[1], TimeFunctions::formatter);
                return TimeFunctions.format(f, ms);
            }
            case FLOOR:
            case CEIL:
                return floorCeil(c.op() == dev.runnel.planner.expr.Operator.FLOOR,
                        SqlValues.convert(a[0], ops.get(0).type(), t), t);
            case ROUND: {
                int digits = a.length > 1 ? Casts.toInt(((Number) a[1]).longValue()) : 0;
                Object x = t.kind() == TypeKind.DECIMAL ? SqlValues.convert(a[0], ops.get(0).type(),
                        ops.get(0).type().kind() == TypeKind.DECIMAL ? ops.get(0).type() : t)
                        : SqlValues.convert(a[0], ops.get(0).type(), t);
                return switch (t.kind()) {
                    case DOUBLE -> MathFunctions.round((Double) x, digits);
                    case DECIMAL -> Decimals.round((BigDecimal) x, digits, t.precision(), t.scale());
                    case BIGINT -> MathFunctions.round((Long) x, digits);
                    case INT -> MathFunctions.round((Integer) x, digits);
                    default -> throw SqlValues.notCastable(ops.get(0).type(), t);
                };
            }
            case POWER:
            case SQRT:
            case LN:
            case LOG10:
            case EXP: {
                DataType dbl = DataType.of(TypeKind.DOUBLE);
                double x = (Double) SqlValues.convert(a[0], ops.get(0).type(), dbl);
                double r = switch (c.op()) {
                    case POWER -> Math.pow(x, (Double) SqlValues.convert(a[1], ops.get(1).type(), dbl));
                    case SQRT -> Math.sqrt(x);
                    case LN -> Math.log(x);
                    case LOG10 -> Math.log10(x);
                    default -> Math.exp(x);
                };
                return SqlValues.convert(r, dbl, t);
            }
            default:
                if (scalars == null) {
                    scalars = new InterpretedScalars();
                }
                return scalars.call(c, a);
        }
    }

    private static Object floorCeil(boolean floor, Object x, DataType t) {
        return switch (t.kind()) {
            case DOUBLE -> floor ? Math.floor((Double) x) : Math.ceil((Double) x);
            case DECIMAL -> floor ? Decimals.floor((BigDecimal) x, t.precision(), t.scale())
                    : Decimals.ceil((BigDecimal) x, t.precision(), t.scale());
            default -> x;
        };
    }

    /** An integral function result in the call's type. */
    private static Object integral(long v, DataType t) {
        return SqlValues.convert(v, DataType.of(TypeKind.BIGINT), t);
    }

    private static int unit(Expr flag) {
        return TimeFunctions.unit((String) ((Literal) flag).value());
    }

    private static long millis(Object v, DataType t) {
        return switch (t.kind()) {
            case DATE -> Casts.dateToTimestamp((Integer) v);
            case VARCHAR -> TimeFunctions.parseTimestamp((String) v);
            default -> (Long) v;
        };
    }

    /** SUBSTRING on code points, SQL's rule: positions {@code [start, start + length)} that exist. */
    static String substring(String s, long start, long length, boolean hasLength) {
        int[] cps = s.codePoints().toArray();
        long first = Math.max(start, 1);
        long end;
        if (hasLength) {
            if (length < 0) {
                throw dev.runnel.exec.expr.fn.SqlErrors.data("negative substring length not allowed");
            }
            end = length > Long.MAX_VALUE - Math.max(start, 0) ? Long.MAX_VALUE : start + length;
        } else {
            end = Long.MAX_VALUE;
        }
        long last = Math.min(end, cps.length + 1L);
        if (first >= last) {
            return "";
        }
        return new String(cps, (int) first - 1, (int) (last - first));
    }
}
