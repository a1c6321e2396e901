package dev.runnel.exec.expr.codegen;

import dev.runnel.exec.expr.fn.FlinkStrings;
import dev.runnel.exec.expr.fn.FlinkTimes;
import dev.runnel.exec.expr.fn.TimeFunctions;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Operator;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates Flink's everyday functions ({@link FlinkStrings}, {@link FlinkTimes}): CONCAT_WS, LPAD,
 * RPAD, REGEXP_REPLACE and REGEXP (a constant regex compiled once), INITCAP, LEFT, RIGHT, REVERSE,
 * REPEAT, LOCATE, ASCII, CHR, MD5, SHA256 (one digest per instance), TO_BASE64, FROM_BASE64,
 * GREATEST, LEAST, SIGN, TRUNCATE, TO_TIMESTAMP, TO_DATE, UNIX_TIMESTAMP, FROM_UNIXTIME (formatters
 * kept per instance) and TIMESTAMPDIFF. Results that may be NULL come back as null references or
 * sentinels, never boxed. Single-threaded.
 */
final class ScalarCodegen {
    private static final String FN = "dev.runnel.exec.expr.fn.";
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType TIMESTAMP = DataType.of(TypeKind.TIMESTAMP);
    private static final DataType VARCHAR = DataType.varchar();
    private final ExprCodegen g;
    private String formats;

    ScalarCodegen(ExprCodegen g) {
        this.g = g;
    }

    Val gen(Call c) {
        List<Expr> ops = c.operands();
        DataType t = c.type();
        switch (c.op()) {
            case CONCAT_WS: {
                Val sep = g.gen(ops.get(0), VARCHAR);
                StringBuilder parts = new StringBuilder();
                for (int i = 1; i < ops.size(); i++) {
                    Val p = g.gen(ops.get(i), VARCHAR);
                    parts.append(i > 1 ? ", " : "").append('(').append(p.isNull()).append(" ? null : ").append(p.value())
                            .append(')');
                }
                return g.strict(t, List.of(sep), FN + "FlinkStrings.concatWs(" + sep.value() + ", new byte[][] {" + parts
                        + "})");
            }
            case LPAD:
            case RPAD: {
                Val s = g.gen(ops.get(0), VARCHAR);
                Val n = g.gen(ops.get(1), BIGINT);
                Val p = g.gen(ops.get(2), VARCHAR);
                return g.strict(t, List.of(s, n, p), encodeNullable(FN + "FlinkStrings.pad(" + (c.op() == Operator.LPAD)
                        + ", " + text(s) + ", " + n.value() + ", " + text(p) + ")"));
            }
            case REGEXP_REPLACE: {
                Val s = g.gen(ops.get(0), VARCHAR);
                List<Val> args = new ArrayList<>(List.of(s));
                String pattern = pattern(ops.get(1), args);
                Val r = g.gen(ops.get(2), VARCHAR);
                args.add(r);
                return g.strict(t, args, encodeNullable(FN + "FlinkStrings.regexpReplace(" + pattern + ", " + text(s) + ", "
                        + text(r) + ")"));
            }
            case REGEXP: {
                Val s = g.gen(ops.get(0), VARCHAR);
                List<Val> args = new ArrayList<>(List.of(s));
                String pattern = pattern(ops.get(1), args);
                return g.strict(t, args, FN + "FlinkStrings.regexp(" + pattern + ", " + text(s) + ")");
            }
            case INITCAP:
            case REVERSE: {
                Val s = g.gen(ops.get(0), VARCHAR);
                String fn = c.op() == Operator.INITCAP ? "initcap" : "reverse";
                return g.strict(t, s, encode(FN + "FlinkStrings." + fn + "(" + text(s) + ")"));
            }
            case LEFT:
            case RIGHT:
            case REPEAT: {
                Val s = g.gen(ops.get(0), VARCHAR);
                Val n = g.gen(ops.get(1), BIGINT);
                String call = c.op() == Operator.REPEAT ? "repeat(" : "leftRight(" + (c.op() == Operator.LEFT) + ", ";
                return g.strict(t, List.of(s, n), encode(FN + "FlinkStrings." + call + text(s) + ", " + n.value() + ")"));
            }
            case LOCATE: {
                Val sub = g.gen(ops.get(0), VARCHAR);
                Val s = g.gen(ops.get(1), VARCHAR);
                Val from = ops.size() > 2 ? g.gen(ops.get(2), BIGINT) : new Val("false", "1L", BIGINT);
                return g.strict(t, List.of(sub, s, from), FN + "FlinkStrings.locate(" + text(sub) + ", " + text(s) + ", "
                        + from.value() + ")");
            }
            case ASCII: {
                Val s = g.gen(ops.get(0), VARCHAR);
                return g.strict(t, s, FN + "FlinkStrings.ascii(" + s.value() + ")");
            }
            case CHR: {
                Val n = g.gen(ops.get(0), BIGINT);
                return g.strict(t, n, encode(FN + "FlinkStrings.chr(" + n.value() + ")"));
            }
            case MD5:
            case SHA256: {
                String digest = g.instanceField("java.security.MessageDigest", FN + "FlinkStrings.digest(\""
                        + (c.op() == Operator.MD5 ? "MD5" : "SHA-256") + "\")");
                Val s = g.gen(ops.get(0), VARCHAR);
                return g.strict(t, s, FN + "FlinkStrings.hexDigest(" + digest + ", " + s.value() + ")");
            }
            case TO_BASE64:
            case FROM_BASE64: {
                Val s = g.gen(ops.get(0), VARCHAR);
                String fn = c.op() == Operator.TO_BASE64 ? "toBase64" : "fromBase64";
                return g.strict(t, s, FN + "FlinkStrings." + fn + "(" + s.value() + ")");
            }
            case GREATEST:
            case LEAST:
                return greatestLeast(c);
            case SIGN: {
                Val x = g.gen(ops.get(0), t);
                String e = switch (t.kind()) {
                    case INT -> "Integer.signum(" + x.value() + ")";
                    case BIGINT -> "(long) Long.signum(" + x.value() + ")";
                    case DOUBLE -> "Math.signum(" + x.value() + ")";
                    case DECIMAL -> FN + "FlinkStrings.sign(" + x.value() + ", " + t.scale() + ")";
                    default -> throw dev.runnel.exec.expr.fn.SqlErrors.unsupported("SIGN of " + t.toSql());
                };
                return g.strict(t, x, e);
            }
            case TRUNCATE:
                return truncate(c);
            case TO_TIMESTAMP: {
                Val s = g.gen(ops.get(0), VARCHAR);
                if (ops.size() == 1) {
                    return sentinel(g.strict(t, s, FN + "FlinkTimes.toTimestamp(" + text(s) + ")"), "FlinkTimes.NULL_TIMESTAMP");
                }
                Val f = g.gen(ops.get(1), VARCHAR);
                return sentinel(g.strict(t, List.of(s, f), FN + "FlinkTimes.toTimestamp(" + text(s) + ", " + formats()
                        + ".java(" + pattern(ops.get(1), f) + "))"), "FlinkTimes.NULL_TIMESTAMP");
            }
            case TO_DATE: {
                Val s = g.gen(ops.get(0), VARCHAR);
                if (ops.size() == 1) {
                    return sentinel(g.strict(t, s, FN + "FlinkTimes.toDate(" + text(s) + ")"), "FlinkTimes.NULL_DATE");
                }
                Val f = g.gen(ops.get(1), VARCHAR);
                return g.strict(t, List.of(s, f), FN + "FlinkTimes.toDate(" + text(s) + ", " + formats() + ".simple("
                        + pattern(ops.get(1), f) + "))");
            }
            case UNIX_TIMESTAMP: {
                if (ops.isEmpty()) {
                    g.usesNow = true;
                    return new Val("false", "Math.floorDiv(now, 1000L)", t);
                }
                Val s = g.gen(ops.get(0), VARCHAR);
                Val f = ops.size() > 1 ? g.gen(ops.get(1), VARCHAR) : null;
                String pattern = f == null ? FN + "FlinkTimes.DEFAULT_FORMAT" : pattern(ops.get(1), f);
                return g.strict(t, f == null ? List.of(s) : List.of(s, f), FN + "FlinkTimes.unixTimestamp(" + text(s)
                        + ", " + formats() + ".simple(" + pattern + "))");
            }
            case FROM_UNIXTIME: {
                Val n = g.gen(ops.get(0), BIGINT);
                Val f = ops.size() > 1 ? g.gen(ops.get(1), VARCHAR) : null;
                String pattern = f == null ? FN + "FlinkTimes.DEFAULT_FORMAT" : pattern(ops.get(1), f);
                return g.strict(t, f == null ? List.of(n) : List.of(n, f), encode(FN + "FlinkTimes.fromUnixtime("
                        + n.value() + ", " + formats() + ".simple(" + pattern + "))"));
            }
            case TIMESTAMPDIFF: {
                int unit = TimeFunctions.unit(ExprCodegen.flag(ops.get(0)));
                Val a = g.gen(ops.get(1), TIMESTAMP);
                Val b = g.gen(ops.get(2), TIMESTAMP);
                return g.strict(t, List.of(a, b), FN + "FlinkTimes.timestampDiff(" + unit + ", " + a.value() + ", "
                        + b.value() + ")");
            }
            default:
                throw new IllegalStateException(c.op().name());
        }
    }

    private static String text(Val v) {
        return FN + "Utf8.decode(" + v.value() + ")";
    }

    private static String encode(String stringExpr) {
        return FN + "Utf8.encode(" + stringExpr + ")";
    }

    private static String encodeNullable(String stringExpr) {
        return FN + "Strings.encodeNullable(" + stringExpr + ")";
    }

    /** The per-instance formatter cache. */
    private String formats() {
        if (formats == null) {
            formats = g.instanceField(FN + "FlinkTimes.Formats", "new " + FN + "FlinkTimes.Formats()");
        }
        return formats;
    }

    /** A format operand as a String: a constant field when it is a literal (no decoding per row). */
    private String pattern(Expr e, Val v) {
        Object k = ExprCodegen.constantValue(e);
        return k instanceof String s ? g.constant(s, "String") : text(v);
    }

    /** A regex operand: compiled once when constant (null when bad), else through a per-instance cache. */
    private String pattern(Expr e, List<Val> args) {
        Object k = ExprCodegen.constantValue(e);
        if (k instanceof String s) {
            return g.constant(FlinkStrings.regexOrNull(s), "java.util.regex.Pattern");
        }
        Val r = g.gen(e, VARCHAR);
        args.add(r);
        String cache = g.instanceField(FN + "FlinkStrings.Regexes", "new " + FN + "FlinkStrings.Regexes()");
        return cache + ".get(" + r.value() + ")";
    }

    /** A primitive result that is NULL also when it equals {@code sentinel}. */
    private Val sentinel(Val r, String sentinel) {
        if (r.alwaysNull()) {
            return r;
        }
        String n = g.id("n");
        g.out.line("final boolean " + n + " = " + r.isNull() + " || " + r.value() + " == " + FN + sentinel + ";");
        return new Val(n, r.value(), r.type());
    }

    private Val greatestLeast(Call c) {
        DataType t = c.type();
        boolean max = c.op() == Operator.GREATEST;
        List<Val> args = new ArrayList<>();
        for (Expr o : c.operands()) {
            args.add(g.gen(o, t));
        }
        String e = args.get(0).value();
        for (int i = 1; i < args.size(); i++) {
            String b = args.get(i).value();
            e = switch (t.kind()) {
                case INT, BIGINT, DATE, TIMESTAMP, DOUBLE, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH ->
                        "Math." + (max ? "max(" : "min(") + e + ", " + b + ")";
                case BOOLEAN -> "(" + e + (max ? " || " : " && ") + b + ")";
                case VARCHAR, DECIMAL -> FN + "FlinkStrings." + (max ? "max(" : "min(") + e + ", " + b + ")";
                case NULL -> "false";
            };
        }
        return g.strict(t, args, e);
    }

    private Val truncate(Call c) {
        DataType t = c.type();
        Val x = g.gen(c.operands().get(0));
        Val d = c.operands().size() > 1 ? g.gen(c.operands().get(1), BIGINT) : new Val("false", "0L", BIGINT);
        List<Val> args = List.of(x, d);
        String call = FN + "FlinkStrings.truncate(";
        return switch (x.type().kind()) {
            case DOUBLE -> g.casts.convert(g.strict(x.type(), args, call + x.value() + ", " + d.value() + ")"), t);
            case BIGINT -> g.casts.convert(g.strict(x.type(), args, call + x.value() + ", " + d.value() + ")"), t);
            case INT -> g.casts.convert(g.strict(x.type(), args, "(int) " + call + "(long) " + x.value() + ", " + d.value()
                    + ")"), t);
            case DECIMAL -> g.strict(t, args, call + x.value() + ", " + d.value() + ", " + t.precision() + ", " + t.scale()
                    + ")");
            default -> throw dev.runnel.exec.expr.fn.SqlErrors.unsupported("TRUNCATE of " + x.type().toSql());
        };
    }
}
