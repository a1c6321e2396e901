package dev.runnel.exec.expr.codegen;

import dev.runnel.exec.expr.SqlValues;
import dev.runnel.exec.expr.fn.Utf8;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.DynamicParam;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Translates expressions into Java statements that compute one row's value into locals (a null
 * flag and a primitive or reference value), reading input column {@code c} of row {@code i} from
 * buffers the enclosing method binds per batch. Collects the constants, parameters and per-instance
 * caches the generated class needs. Operator families live in their own generators. Single-threaded;
 * one per generated class.
 */
public final class ExprCodegen {
    final List<DataType> inputTypes;
    final List<Object> constants = new ArrayList<>();
    final StringBuilder fields = new StringBuilder();
    final StringBuilder constructor = new StringBuilder();
    final Map<Integer, DataType> params = new TreeMap<>();
    final TreeSet<Integer> usedColumns = new TreeSet<>();
    boolean usesNow;
    private int next;
    CodeWriter out;
    /** Statements at the top of the row loop, before {@link #out}'s: the locals of shared subexpressions. */
    CodeWriter header;
    private final Map<Expr, Integer> occurrences = new java.util.HashMap<>();
    private final Map<Expr, Val> memo = new java.util.HashMap<>();

    private final ArithmeticCodegen arithmetic = new ArithmeticCodegen(this);
    private final LogicCodegen logic = new LogicCodegen(this);
    private final StringCodegen strings = new StringCodegen(this);
    private final TimeCodegen time = new TimeCodegen(this);
    private final ScalarCodegen scalars = new ScalarCodegen(this);
    final CastCodegen casts = new CastCodegen(this);
    final DecimalCodegen decimals = new DecimalCodegen(this);

    public ExprCodegen(List<DataType> inputTypes) {
        this.inputTypes = List.copyOf(inputTypes);
    }

    String id(String prefix) {
        return prefix + (next++);
    }

    /** A final field holding {@code value} (passed in the constants array), returning its name. */
    String constant(Object value, String javaType) {
        int idx = constants.size();
        constants.add(value);
        String name = "k" + idx;
        fields.append("    private final ").append(javaType).append(' ').append(name).append(";\n");
        constructor.append("        this.").append(name).append(" = (").append(javaType).append(") k[").append(idx)
                .append("];\n");
        return name;
    }

    /** A per-instance field initialized with {@code init} (e.g. a pattern cache). */
    String instanceField(String javaType, String init) {
        String name = id("f");
        fields.append("    private final ").append(javaType).append(' ').append(name).append(" = ").append(init)
                .append(";\n");
        return name;
    }

    /** Declares a result local pair, NULL and zero, for branches to assign. */
    Val declare(DataType type) {
        String n = id("n");
        String v = id("v");
        out.line("boolean " + n + " = true;");
        out.line(JavaTypes.of(type.kind()) + " " + v + " = " + JavaTypes.zero(type.kind()) + ";");
        return new Val(n, v, type);
    }

    /**
     * Starts the code of one row loop over {@code roots}: a subexpression that occurs more than once
     * among them (a call, or a VARCHAR or DECIMAL column, whose read copies the value) is computed at
     * most once per row. Its locals are declared in {@link #header}, at the top of the loop body, and
     * each place that needs it computes it only if no place did before in this row ({@link #gen}),
     * so it is still computed only where the expression would compute it (under a CASE branch, after
     * an AND that stopped early, ...), errors included.
     */
    void startLoop(List<Expr> roots) {
        out = new CodeWriter(3);
        header = new CodeWriter(3);
        occurrences.clear();
        memo.clear();
        sharedDone.clear();
        for (Expr r : roots) {
            count(r);
        }
    }

    private void count(Expr e) {
        if (e instanceof Call c) {
            if (occurrences.merge(e, 1, Integer::sum) > 1) {
                return; // its operands were counted with its first occurrence
            }
            c.operands().forEach(this::count);
        } else if (e instanceof InputRef r && r.index() < inputTypes.size()
                && (inputTypes.get(r.index()).kind() == TypeKind.VARCHAR
                        || inputTypes.get(r.index()).kind() == TypeKind.DECIMAL)) {
            occurrences.merge(e, 1, Integer::sum);
        }
    }

    /** Whether {@code e} is computed once per row for several places (so read it through {@link #gen}). */
    boolean isShared(Expr e) {
        return header != null && occurrences.getOrDefault(e, 0) > 1;
    }

    /** The loop-top statements followed by the body. */
    String loopBody() {
        return (header == null ? "" : header.toString()) + out;
    }

    /** Emits code computing {@code e} for row {@code i}. */
    Val gen(Expr e) {
        if (header != null && occurrences.getOrDefault(e, 0) > 1 && !(e instanceof Call c
                && c.op() == dev.runnel.planner.expr.Operator.CURRENT_TIMESTAMP)) {
            return shared(e);
        }
        return compute(e);
    }

    private Val compute(Expr e) {
        if (e instanceof InputRef r) {
            return inputRef(r);
        } else if (e instanceof Literal l) {
            return literal(l.value(), l.type());
        } else if (e instanceof DynamicParam p) {
            return param(p);
        }
        return call((Call) e);
    }

    /** {@code e} computed once per row, by whichever place reaches it first. */
    private Val shared(Expr e) {
        Val m = memo.get(e);
        if (m == null) {
            String done = id("m");
            m = new Val(id("n"), id("v"), e.type());
            header.line("boolean " + done + " = false;");
            header.line("boolean " + m.isNull() + " = true;");
            header.line(JavaTypes.of(e.type().kind()) + " " + m.value() + " = " + JavaTypes.zero(e.type().kind()) + ";");
            memo.put(e, m);
            sharedDone.put(e, done);
        }
        String done = sharedDone.get(e);
        out.line("if (!" + done + ") {");
        Val v = compute(e);
        out.line(m.isNull() + " = " + v.isNull() + ";");
        out.line(m.value() + " = " + v.value() + ";");
        out.line(done + " = true;");
        out.line("}");
        return m;
    }

    private final Map<Expr, String> sharedDone = new java.util.HashMap<>();

    /** Emits {@code e} and converts it to {@code type} (promotion or CAST). */
    Val gen(Expr e, DataType type) {
        return casts.convert(gen(e), type);
    }

    private Val call(Call c) {
        if (c.type().kind() == TypeKind.DECIMAL) {
            switch (c.op()) {
                case PLUS, MINUS, TIMES, NEGATE, ABS, CAST -> {
                    Val v = decimals.tryGen(c);
                    if (v != null) {
                        return v;
                    }
                }
                default -> { }
            }
        }
        return switch (c.op()) {
            case PLUS, MINUS, TIMES, DIVIDE, MOD, NEGATE, ABS, FLOOR, CEIL, ROUND, POWER, SQRT, LN, LOG10, EXP ->
                arithmetic.gen(c);
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
                IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM, AND, OR, NOT, IS_NULL, IS_NOT_NULL, IS_TRUE, IS_FALSE,
                IS_NOT_TRUE, IS_NOT_FALSE, CASE, COALESCE, NULLIF -> logic.gen(c);
            case CAST -> casts.cast(gen(c.operands().get(0)), c.type());
            case LIKE, SUBSTRING, UPPER, LOWER, CHAR_LENGTH, TRIM, CONCAT, SPLIT_INDEX, REGEXP_EXTRACT, POSITION, REPLACE,
                CONTAINS_TOKEN ->
                strings.gen(c);
            case EXTRACT, FLOOR_TIME, CEIL_TIME, DATE_FORMAT, CURRENT_TIMESTAMP -> time.gen(c);
            case CONCAT_WS, LPAD, RPAD, REGEXP_REPLACE, REGEXP, INITCAP, LEFT, RIGHT, REVERSE, REPEAT, LOCATE, ASCII, CHR,
                MD5, SHA256, TO_BASE64, FROM_BASE64, GREATEST, LEAST, SIGN, TRUNCATE, TO_TIMESTAMP, TO_DATE, UNIX_TIMESTAMP,
                FROM_UNIXTIME, TIMESTAMPDIFF -> scalars.gen(c);
        };
    }

    // ---- leaves ----

    /** Marks column {@code c} as read; returns the prefix of its per-batch locals. */
    String column(int c) {
        if (c >= inputTypes.size()) {
            throw new IllegalArgumentException("input column " + c + " does not exist (" + inputTypes.size()
                    + " columns)");
        }
        usedColumns.add(c);
        return "c" + c;
    }

    private Val inputRef(InputRef r) {
        DataType t = inputTypes.get(r.index());
        TypeKind k = t.kind();
        if (k == TypeKind.NULL) {
            return new Val("true", JavaTypes.zero(k), t);
        }
        String c = column(r.index());
        String n = id("n");
        String v = id("v");
        out.line("final boolean " + n + " = !" + c + "nn && org.apache.arrow.vector.BitVectorHelper.get(" + c
                + "v, i) == 0;");
        String read = switch (k) {
            case BOOLEAN -> "org.apache.arrow.vector.BitVectorHelper.get(" + c + "d, i) != 0";
            case INT, DATE, INTERVAL_YEAR_MONTH -> c + "d.getInt(((long) i) << 2)";
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> c + "d.getLong(((long) i) << 3)";
            case DOUBLE -> c + "d.getDouble(((long) i) << 3)";
            case DECIMAL -> n + " ? null : " + c + ".getObjectNotNull(i)";
            case VARCHAR -> n + " ? null : dev.runnel.exec.expr.fn.Utf8.read(" + c + "o, " + c + "d, i)";
            case NULL -> throw new IllegalStateException();
        };
        out.line("final " + JavaTypes.of(k) + " " + v + " = " + read + ";");
        return new Val(n, v, t);
    }

    /** For VARCHAR column refs: locals holding the value's byte range in the data buffer. */
    String[] slice(InputRef r) {
        String c = column(r.index());
        String s = id("s");
        String e = id("e");
        out.line("final int " + s + " = " + c + "o.getInt(((long) i) << 2);");
        out.line("final int " + e + " = " + c + "o.getInt(((long) i + 1) << 2);");
        return new String[] {c + "d", s, e};
    }

    static boolean isVarcharColumn(Expr e, List<DataType> inputTypes) {
        return e instanceof InputRef r && r.index() < inputTypes.size()
                && inputTypes.get(r.index()).kind() == TypeKind.VARCHAR;
    }

    Val literal(Object raw, DataType t) {
        Object v = SqlValues.coerce(raw, t);
        if (v == null) {
            return new Val("true", JavaTypes.zero(t.kind()), t);
        }
        String expr = switch (t.kind()) {
            case BOOLEAN -> v.toString();
            case INT, DATE, INTERVAL_YEAR_MONTH -> intLiteral((Integer) v);
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> longLiteral((Long) v);
            case DOUBLE -> doubleLiteral((Double) v);
            case DECIMAL -> constant(v, "java.math.BigDecimal");
            case VARCHAR -> constant(Utf8.encode((String) v), "byte[]");
            case NULL -> "false";
        };
        return new Val("false", expr, t);
    }

    static String intLiteral(int v) {
        return v == Integer.MIN_VALUE ? "(-2147483647 - 1)" : "(" + v + ")";
    }

    static String longLiteral(long v) {
        return v == Long.MIN_VALUE ? "(-9223372036854775807L - 1L)" : "(" + v + "L)";
    }

    static String doubleLiteral(double v) {
        if (Double.isNaN(v)) {
            return "Double.NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        return "Double.longBitsToDouble(" + Double.doubleToRawLongBits(v) + "L)";
    }

    private Val param(DynamicParam p) {
        params.putIfAbsent(p.index(), p.type());
        DataType t = params.get(p.index());
        return casts.convert(new Val("p" + p.index() + "n", "p" + p.index(), t), p.type());
    }

    /** The {@code String} text of a non-null VARCHAR flag literal (unit, TRIM side). */
    static String flag(Expr e) {
        if (e instanceof Literal l && l.value() != null) {
            return l.value().toString();
        }
        throw dev.runnel.exec.expr.fn.SqlErrors.unsupported("expected a literal flag operand, got " + e);
    }

    /** A non-null literal's Java value, or null when {@code e} is not one. */
    static Object constantValue(Expr e) {
        return e instanceof Literal l ? SqlValues.coerce(l.value(), l.type()) : null;
    }

    /**
     * Emits a strict computation: NULL if any argument is NULL, else {@code valueExpr} (over the
     * arguments' value expressions). For reference types, a null Java result also means NULL.
     */
    Val strict(DataType type, List<Val> args, String valueExpr) {
        StringBuilder cond = new StringBuilder();
        for (Val a : args) {
            if (a.alwaysNull()) {
                return new Val("true", JavaTypes.zero(type.kind()), type);
            }
            if (!a.neverNull()) {
                cond.append(cond.length() == 0 ? "" : " || ").append(a.isNull());
            }
        }
        String n = id("n");
        String v = id("v");
        TypeKind k = type.kind();
        boolean ref = k == TypeKind.VARCHAR || k == TypeKind.DECIMAL;
        if (cond.length() == 0 && !ref) {
            out.line("final " + JavaTypes.of(k) + " " + v + " = " + valueExpr + ";");
            return new Val("false", v, type);
        }
        out.line("boolean " + n + " = " + (cond.length() == 0 ? "false" : cond) + ";");
        out.line(JavaTypes.of(k) + " " + v + " = " + JavaTypes.zero(k) + ";");
        out.line("if (!" + n + ") {");
        out.line(v + " = " + valueExpr + ";");
        if (ref) {
            out.line(n + " = " + v + " == null;");
        }
        out.line("}");
        return new Val(n, v, type);
    }

    /**
     * Like {@link #strict} for a primitive result whose expression cannot fail whatever its inputs
     * (comparisons, DOUBLE arithmetic): computed unconditionally, without a branch, because the
     * zero or stale values behind NULL inputs are harmless there.
     */
    Val safe(DataType type, List<Val> args, String valueExpr) {
        StringBuilder cond = new StringBuilder();
        for (Val a : args) {
            if (a.alwaysNull()) {
                return new Val("true", JavaTypes.zero(type.kind()), type);
            }
            if (!a.neverNull()) {
                cond.append(cond.length() == 0 ? "" : " || ").append(a.isNull());
            }
        }
        String v = id("v");
        out.line("final " + JavaTypes.of(type.kind()) + " " + v + " = " + valueExpr + ";");
        if (cond.length() == 0) {
            return new Val("false", v, type);
        }
        String n = id("n");
        out.line("final boolean " + n + " = " + cond + ";");
        return new Val(n, v, type);
    }

    Val strict(DataType type, Val a, String valueExpr) {
        return strict(type, List.of(a), valueExpr);
    }
}
