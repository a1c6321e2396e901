package dev.runnel.exec.expr.codegen;

import dev.runnel.exec.expr.fn.LikeMatcher;
import dev.runnel.exec.expr.fn.RegexLiterals;
import dev.runnel.exec.expr.fn.StringFunctions;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the VARCHAR functions over UTF-8 bytes: LIKE (a constant pattern compiled once, matched
 * in place on a column's buffer), SUBSTRING, UPPER, LOWER, CHAR_LENGTH, TRIM, CONCAT, SPLIT_INDEX (on
 * bytes, in place on a column), REGEXP_EXTRACT (a constant regex compiled once; values without the
 * literal text every match needs are rejected by a byte search first), POSITION and REPLACE.
 * Single-threaded.
 */
final class StringCodegen {
    private static final String FN = "dev.runnel.exec.expr.fn.";
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType VARCHAR = DataType.varchar();
    private final ExprCodegen g;

    StringCodegen(ExprCodegen g) {
        this.g = g;
    }

    Val gen(Call c) {
        List<Expr> ops = c.operands();
        DataType t = c.type();
        switch (c.op()) {
            case LIKE:
                return like(c);
            case SUBSTRING: {
                Val s = g.gen(ops.get(0), VARCHAR);
                Val from = g.gen(ops.get(1), BIGINT);
                if (ops.size() > 2) {
                    Val len = g.gen(ops.get(2), BIGINT);
                    return g.strict(t, List.of(s, from, len), FN + "Utf8.substring(" + s.value() + ", " + from.value()
                            + ", " + len.value() + ")");
                }
                return g.strict(t, List.of(s, from), FN + "Utf8.substring(" + s.value() + ", " + from.value() + ")");
            }
            case UPPER:
            case LOWER: {
                Val s = g.gen(ops.get(0), VARCHAR);
                String fn = c.op() == dev.runnel.planner.expr.Operator.UPPER ? "upper" : "lower";
                return g.strict(t, s, FN + "Utf8." + fn + "(" + s.value() + ")");
            }
            case CHAR_LENGTH: {
                Val r;
                if (ExprCodegen.isVarcharColumn(ops.get(0), g.inputTypes)) {
                    r = onColumn((InputRef) ops.get(0), BIGINT, "(long) " + FN + "Utf8.charLength(%s, %s, %s)");
                } else {
                    Val s = g.gen(ops.get(0), VARCHAR);
                    r = g.strict(BIGINT, s, "(long) " + FN + "Utf8.charLength(" + s.value() + ")");
                }
                return g.casts.convert(r, t);
            }
            case TRIM: {
                int side = StringFunctions.trimSide(ExprCodegen.flag(ops.get(0)));
                Val chars = ops.size() > 2 ? g.gen(ops.get(1), VARCHAR) : g.literal(" ", VARCHAR);
                Val s = g.gen(ops.get(ops.size() - 1), VARCHAR);
                return g.strict(t, List.of(chars, s), FN + "Utf8.encode(" + FN + "StringFunctions.trim(" + side + ", "
                        + text(chars) + ", " + text(s) + "))");
            }
            case CONCAT: {
                List<Val> parts = new ArrayList<>();
                for (Expr o : ops) {
                    parts.add(g.gen(o, VARCHAR));
                }
                String e = parts.get(0).value();
                for (int i = 1; i < parts.size(); i++) {
                    e = FN + "Utf8.concat(" + e + ", " + parts.get(i).value() + ")";
                }
                return g.strict(t, parts, e);
            }
            case SPLIT_INDEX: {
                // on the UTF-8 bytes, in place when the string is a column: no decoding, one copy of the piece
                if (ExprCodegen.isVarcharColumn(ops.get(0), g.inputTypes) && !g.isShared(ops.get(0))) {
                    Val d = g.gen(ops.get(1), VARCHAR);
                    Val idx = g.gen(ops.get(2), BIGINT);
                    return onColumnOrNull((InputRef) ops.get(0), t, List.of(d, idx), FN + "Utf8Pieces.splitIndex(%s, %s,"
                            + " %s, " + d.value() + ", " + idx.value() + ")");
                }
                Val s = g.gen(ops.get(0), VARCHAR);
                Val d = g.gen(ops.get(1), VARCHAR);
                Val idx = g.gen(ops.get(2), BIGINT);
                return g.strict(t, List.of(s, d, idx), FN + "Utf8Pieces.splitIndex(" + s.value() + ", " + d.value() + ", "
                        + idx.value() + ")");
            }
            case REGEXP_EXTRACT:
                return regexpExtract(c);
            case CONTAINS_TOKEN: {
                Val s = g.gen(ops.get(0), VARCHAR);
                Val w = g.gen(ops.get(1), VARCHAR);
                return g.strict(t, List.of(s, w), FN + "Tokens.containsToken(" + s.value() + ", " + w.value() + ")");
            }
            case REPLACE: {
                Val s = g.gen(ops.get(0), VARCHAR);
                Val search = g.gen(ops.get(1), VARCHAR);
                Val with = g.gen(ops.get(2), VARCHAR);
                return g.strict(t, List.of(s, search, with), FN + "Utf8.encode(" + text(s) + ".replace(" + text(search)
                        + ", " + text(with) + "))");
            }
            case POSITION: {
                Val sub = g.gen(ops.get(0), VARCHAR);
                Val s = g.gen(ops.get(1), VARCHAR);
                Val r = g.strict(BIGINT, List.of(sub, s), "(long) " + FN + "Utf8.position(" + sub.value() + ", "
                        + s.value() + ")");
                return g.casts.convert(r, t);
            }
            default:
                throw new IllegalStateException(c.op().name());
        }
    }

    private static String text(Val v) {
        return FN + "Utf8.decode(" + v.value() + ")";
    }

    private static String encodeNullable(String stringExpr) {
        return FN + "Strings.encodeNullable(" + stringExpr + ")";
    }

    /** Computes {@code format} (with %s for data buffer, start, end) on a VARCHAR column in place. */
    private Val onColumn(InputRef col, DataType type, String format) {
        String cv = g.column(col.index()) + "v";
        String n = g.id("n");
        g.out.line("final boolean " + n + " = org.apache.arrow.vector.BitVectorHelper.get(" + cv + ", i) == 0;");
        String v = g.id("v");
        g.out.line(JavaTypes.of(type.kind()) + " " + v + " = " + JavaTypes.zero(type.kind()) + ";");
        g.out.line("if (!" + n + ") {");
        String[] sl = g.slice(col);
        g.out.line(v + " = " + String.format(format, sl[0], sl[1], sl[2]) + ";");
        g.out.line("}");
        return new Val(n, v, type);
    }

    /**
     * A VARCHAR result computed from the byte range of column {@code col} in place: {@code format}
     * (with %s for data buffer, start, end) gives a {@code byte[]} or null (NULL); NULL also when the
     * column value or one of {@code args} is NULL.
     */
    private Val onColumnOrNull(InputRef col, DataType type, List<Val> args, String format) {
        String c = g.column(col.index());
        StringBuilder cond = new StringBuilder("!" + c + "nn && org.apache.arrow.vector.BitVectorHelper.get(" + c
                + "v, i) == 0");
        for (Val a : args) {
            if (!a.neverNull()) {
                cond.append(" || ").append(a.isNull());
            }
        }
        String n = g.id("n");
        String v = g.id("v");
        g.out.line("boolean " + n + " = " + cond + ";");
        g.out.line("byte[] " + v + " = null;");
        g.out.line("if (!" + n + ") {");
        String[] sl = g.slice(col);
        g.out.line(v + " = " + String.format(format, sl[0], sl[1], sl[2]) + ";");
        g.out.line(n + " = " + v + " == null;");
        g.out.line("}");
        return new Val(n, v, type);
    }

    private Val like(Call c) {
        List<Expr> ops = c.operands();
        Object pattern = ExprCodegen.constantValue(ops.get(1));
        boolean escapeConstant = ops.size() < 3 || ExprCodegen.constantValue(ops.get(2)) != null;
        if (pattern != null && escapeConstant) {
            String escape = ops.size() > 2 ? (String) ExprCodegen.constantValue(ops.get(2)) : null;
            LikeMatcher m = null;
            try {
                m = LikeMatcher.compile((String) pattern, escape);
            } catch (RunnelSqlException e) {
                // a bad constant pattern fails per row below, as it does when interpreted
            }
            if (m != null) {
                String k = g.constant(m, FN + "LikeMatcher");
                if (ExprCodegen.isVarcharColumn(ops.get(0), g.inputTypes)) {
                    return onColumn((InputRef) ops.get(0), c.type(), k + ".matches(%s, %s, %s)");
                }
                Val s = g.gen(ops.get(0), VARCHAR);
                return g.strict(c.type(), s, k + ".matches(" + s.value() + ")");
            }
        }
        Val s = g.gen(ops.get(0), VARCHAR);
        Val p = g.gen(ops.get(1), VARCHAR);
        Val e = ops.size() > 2 ? g.gen(ops.get(2), VARCHAR) : null;
        String cache = g.instanceField(FN + "LikeCache", "new " + FN + "LikeCache()");
        List<Val> args = e == null ? List.of(s, p) : List.of(s, p, e);
        return g.strict(c.type(), args, cache + ".get(" + p.value() + ", " + (e == null ? "null" : e.value())
                + ").matches(" + s.value() + ")");
    }

    private Val regexpExtract(Call c) {
        List<Expr> ops = c.operands();
        Object regex = ExprCodegen.constantValue(ops.get(1));
        String pattern = null;
        Val r = null;
        if (regex != null) {
            try {
                pattern = g.constant(StringFunctions.regex((String) regex), "java.util.regex.Pattern");
            } catch (RunnelSqlException e) {
                pattern = null;
            }
        }
        String required = pattern == null ? "" : RegexLiterals.required((String) regex);
        if (!required.isEmpty()) {
            // a value without the text every match contains does not match: found by a byte search,
            // in place on a column, before decoding anything
            String lit = g.constant(dev.runnel.exec.expr.fn.Utf8.encode(required), "byte[]");
            Val group = ops.size() > 2 ? g.gen(ops.get(2), BIGINT)
                    : new Val("false", FN + "StringFunctions.DEFAULT_GROUP", BIGINT);
            if (ExprCodegen.isVarcharColumn(ops.get(0), g.inputTypes) && !g.isShared(ops.get(0))) {
                return onColumnOrNull((InputRef) ops.get(0), c.type(), List.of(group), FN + "Utf8.indexOf(%1$s, %2$s, %3$s,"
                        + " " + lit + ") < 0 ? null : " + encodeNullable(FN + "StringFunctions.regexpExtract(" + pattern
                        + ", " + FN + "Utf8Pieces.decode(%1$s, %2$s, %3$s), " + group.value() + ")"));
            }
            Val s = g.gen(ops.get(0), VARCHAR);
            return g.strict(c.type(), List.of(s, group), FN + "Utf8.indexOf(" + s.value() + ", 0, " + s.value()
                    + ".length, " + lit + ") < 0 ? null : " + encodeNullable(FN + "StringFunctions.regexpExtract("
                    + pattern + ", " + text(s) + ", " + group.value() + ")"));
        }
        Val s = g.gen(ops.get(0), VARCHAR);
        if (pattern == null) {
            r = g.gen(ops.get(1), VARCHAR);
            String cache = g.instanceField(FN + "RegexCache", "new " + FN + "RegexCache()");
            pattern = cache + ".get(" + r.value() + ")";
        }
        Val group = ops.size() > 2 ? g.gen(ops.get(2), BIGINT) : new Val("false", FN + "StringFunctions.DEFAULT_GROUP", BIGINT);
        List<Val> args = new ArrayList<>(List.of(s, group));
        if (r != null) {
            args.add(r);
        }
        return g.strict(c.type(), args, encodeNullable(FN + "StringFunctions.regexpExtract(" + pattern + ", " + text(s)
                + ", " + group.value() + ")"));
    }
}
