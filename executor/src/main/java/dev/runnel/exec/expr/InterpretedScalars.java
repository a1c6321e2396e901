package dev.runnel.exec.expr;

import dev.runnel.exec.expr.fn.FlinkStrings;
import dev.runnel.exec.expr.fn.FlinkTimes;
import dev.runnel.exec.expr.fn.TimeFunctions;
import dev.runnel.exec.expr.fn.Utf8;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The interpreter's Flink functions ({@link FlinkStrings}, {@link FlinkTimes}) over Java values with
 * no NULL operands (CONCAT_WS, which skips NULLs, and GREATEST/LEAST are the interpreter's own).
 * Single-threaded (memoizes regexes, digests and formatters).
 */
final class InterpretedScalars {
    private final Map<String, Pattern> regexes = new HashMap<>();
    private final Map<String, MessageDigest> digests = new HashMap<>();
    private final FlinkTimes.Formats formats = new FlinkTimes.Formats();

    Object call(Call c, Object[] a) {
        DataType t = c.type();
        switch (c.op()) {
            case LPAD:
            case RPAD:
                return FlinkStrings.pad(c.op() == Operator.LPAD, (String) a[0], ((Number) a[1]).longValue(), (String) a[2]);
            case REGEXP_REPLACE:
                return FlinkStrings.regexpReplace(regex((String) a[1]), (String) a[0], (String) a[2]);
            case REGEXP:
                return FlinkStrings.regexp(regex((String) a[1]), (String) a[0]);
            case INITCAP:
                return FlinkStrings.initcap((String) a[0]);
            case REVERSE:
                return FlinkStrings.reverse((String) a[0]);
            case LEFT:
            case RIGHT:
                return FlinkStrings.leftRight(c.op() == Operator.LEFT, (String) a[0], ((Number) a[1]).longValue());
            case REPEAT:
                return FlinkStrings.repeat((String) a[0], ((Number) a[1]).longValue());
            case LOCATE:
                return FlinkStrings.locate((String) a[0], (String) a[1], a.length > 2 ? ((Number) a[2]).longValue() : 1);
            case ASCII:
                return FlinkStrings.ascii(Utf8.encode((String) a[0]));
            case CHR:
                return FlinkStrings.chr(((Number) a[0]).longValue());
            case MD5:
            case SHA256: {
                String alg = c.op() == Operator.MD5 ? "MD5" : "SHA-256";
                MessageDigest d = digests.computeIfAbsent(alg, FlinkStrings::digest);
                return Utf8.decode(FlinkStrings.hexDigest(d, Utf8.encode((String) a[0])));
            }
            case TO_BASE64:
                return Utf8.decode(FlinkStrings.toBase64(Utf8.encode((String) a[0])));
            case FROM_BASE64:
                return Utf8.decode(FlinkStrings.fromBase64(Utf8.encode((String) a[0])));
            case SIGN:
                return switch (t.kind()) {
                    case INT -> Integer.signum((Integer) a[0]);
                    case BIGINT -> (long) Long.signum((Long) a[0]);
                    case DOUBLE -> Math.signum((Double) a[0]);
                    default -> FlinkStrings.sign((BigDecimal) SqlValues.convert(a[0], c.operands().get(0).type(), t),
                            t.scale());
                };
            case TRUNCATE: {
                long d = a.length > 1 ? ((Number) a[1]).longValue() : 0;
                DataType x = c.operands().get(0).type();
                Object r = switch (x.kind()) {
                    case DOUBLE -> FlinkStrings.truncate((Double) a[0], d);
                    case BIGINT -> FlinkStrings.truncate((Long) a[0], d);
                    case INT -> (int) FlinkStrings.truncate((long) (Integer) a[0], d);
                    default -> FlinkStrings.truncate((BigDecimal) a[0], d, t.precision(), t.scale());
                };
                return x.kind() == TypeKind.DECIMAL ? r : SqlValues.convert(r, x, t);
            }
            case TO_TIMESTAMP: {
                long v = a.length == 1 ? FlinkTimes.toTimestamp((String) a[0])
                        : FlinkTimes.toTimestamp((String) a[0], formats.java((String) a[1]));
                return v == FlinkTimes.NULL_TIMESTAMP ? null : v;
            }
            case TO_DATE: {
                if (a.length > 1) {
                    return FlinkTimes.toDate((String) a[0], formats.simple((String) a[1]));
                }
                int v = FlinkTimes.toDate((String) a[0]);
                return v == FlinkTimes.NULL_DATE ? null : v;
            }
            case UNIX_TIMESTAMP:
                return FlinkTimes.unixTimestamp((String) a[0], formats.simple(a.length > 1 ? (String) a[1]
                        : FlinkTimes.DEFAULT_FORMAT));
            case FROM_UNIXTIME:
                return FlinkTimes.fromUnixtime(((Number) a[0]).longValue(), formats.simple(a.length > 1 ? (String) a[1]
                        : FlinkTimes.DEFAULT_FORMAT));
            case TIMESTAMPDIFF: {
                DataType ts = DataType.of(TypeKind.TIMESTAMP);
                long t1 = (Long) SqlValues.convert(a[1], c.operands().get(1).type(), ts);
                long t2 = (Long) SqlValues.convert(a[2], c.operands().get(2).type(), ts);
                return FlinkTimes.timestampDiff(TimeFunctions.unit((String) ((Literal) c.operands().get(0)).value()), t1, t2);
            }
            default:
                throw new IllegalStateException("not a function: " + c.op());
        }
    }

    private Pattern regex(String r) {
        if (!regexes.containsKey(r)) {
            regexes.put(r, FlinkStrings.regexOrNull(r));
        }
        return regexes.get(r);
    }
}
