package dev.runnel.exec.expr.codegen;

import dev.runnel.exec.expr.TypeRules;
import dev.runnel.exec.expr.TypeRules.ArithForm;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Operator;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;

/**
 * Generates arithmetic (PLUS .. ABS, with temporal forms per {@link TypeRules#arithForm}) and the
 * numeric functions FLOOR, CEIL, ROUND, POWER, SQRT, LN, LOG10, EXP. INT/BIGINT go through
 * {@code Arith} (exact, SQL errors), DOUBLE uses Java operators, DECIMAL {@code Decimals}.
 * Single-threaded.
 */
final class ArithmeticCodegen {
    private static final String FN = "dev.runnel.exec.expr.fn.";
    private static final DataType DOUBLE = DataType.of(TypeKind.DOUBLE);
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType INT = DataType.of(TypeKind.INT);
    private final ExprCodegen g;

    ArithmeticCodegen(ExprCodegen g) {
        this.g = g;
    }

    Val gen(Call c) {
        return switch (c.op()) {
            case PLUS, MINUS, TIMES, DIVIDE, MOD, NEGATE, ABS -> arithmetic(c);
            case FLOOR, CEIL -> floorCeil(c);
            case ROUND -> round(c);
            case POWER, SQRT, LN, LOG10, EXP -> doubleFunction(c);
            default -> throw new IllegalStateException(c.op().name());
        };
    }

    private Val arithmetic(Call c) {
        ArithForm form = TypeRules.arithForm(c);
        List<Expr> ops = c.operands();
        boolean swap = TypeRules.swapped(c);
        Expr ex = swap ? ops.get(1) : ops.get(0);
        Expr ey = ops.size() > 1 ? (swap ? ops.get(0) : ops.get(1)) : null;
        Operator op = c.op();
        String sign = op == Operator.MINUS ? FN + "Arith.negate" : "";
        DataType t = c.type();
        return switch (form) {
            case NUMERIC -> numeric(op, t, g.gen(ex, t), ey == null ? null : g.gen(ey, t));
            case LONG -> exact(op, t, raw(ex, true), ey == null ? null : raw(ey, true));
            case INT -> exact(op, t, raw(ex, false), ey == null ? null : raw(ey, false));
            case TIMESTAMP_MONTHS -> {
                Val x = g.gen(ex);
                Val y = g.gen(ey);
                yield g.strict(t, List.of(x, y), FN + "TimeFunctions.addMonths(" + x.value() + ", " + sign + "("
                        + y.value() + "))");
            }
            case DATE_MONTHS -> {
                Val x = g.gen(ex);
                Val y = g.gen(ey);
                yield g.strict(t, List.of(x, y), FN + "Casts.toInt(" + FN + "TimeFunctions.addMonthsToDate(" + x.value()
                        + ", " + sign + "(" + y.value() + ")))");
            }
            case DATE_MILLIS, DATE_DAYS -> {
                Val x = g.gen(ex);
                Val y = g.gen(ey, BIGINT);
                String days = form == ArithForm.DATE_DAYS ? y.value()
                        : "Math.floorDiv(" + y.value() + ", 86400000L)";
                String fn = op == Operator.MINUS ? "subtract" : "add";
                yield g.strict(t, List.of(x, y), FN + "Arith." + fn + "(" + x.value() + ", " + FN + "Casts.toInt(" + days
                        + "))");
            }
            case DATE_DIFF_MILLIS -> {
                Val x = g.gen(ex);
                Val y = g.gen(ey);
                yield g.strict(t, List.of(x, y), "(((long) " + x.value() + " - (long) " + y.value() + ") * 86400000L)");
            }
            case DATE_DIFF_DAYS -> {
                Val x = g.gen(ex);
                Val y = g.gen(ey);
                String d = "((long) " + x.value() + " - (long) " + y.value() + ")";
                yield g.strict(t, List.of(x, y), t.kind() == TypeKind.INT ? FN + "Casts.toInt(" + d + ")" : d);
            }
        };
    }

    /** The operand's value as a plain long (timestamps, intervals, integers) or int. */
    private Val raw(Expr e, boolean asLong) {
        Val v = g.gen(e);
        if (asLong && JavaTypes.of(v.type().kind()).equals("int")) {
            return new Val(v.isNull(), "((long) " + v.value() + ")", BIGINT);
        }
        return new Val(v.isNull(), v.value(), asLong ? BIGINT : INT);
    }

    /** INT or BIGINT (also intervals, timestamps) through Arith. */
    private Val exact(Operator op, DataType t, Val x, Val y) {
        String fn = switch (op) {
            case PLUS -> "add";
            case MINUS -> "subtract";
            case TIMES -> "multiply";
            case DIVIDE -> "divide";
            case MOD -> "mod";
            case NEGATE -> "negate";
            default -> "abs";
        };
        String args = y == null ? x.value() : x.value() + ", " + y.value();
        return g.strict(t, y == null ? List.of(x) : List.of(x, y), FN + "Arith." + fn + "(" + args + ")");
    }

    private Val numeric(Operator op, DataType t, Val x, Val y) {
        switch (t.kind()) {
            case INT:
            case BIGINT:
                return exact(op, t, x, y);
            case DOUBLE: {
                String a = x.value();
                String b = y == null ? null : y.value();
                String e = switch (op) {
                    case PLUS -> "(" + a + " + " + b + ")";
                    case MINUS -> "(" + a + " - " + b + ")";
                    case TIMES -> "(" + a + " * " + b + ")";
                    case DIVIDE -> "(" + a + " / " + b + ")";
                    case MOD -> "(" + a + " % " + b + ")";
                    case NEGATE -> "(-" + a + ")";
                    default -> "Math.abs(" + a + ")";
                };
                return g.safe(t, y == null ? List.of(x) : List.of(x, y), e);
            }
            default: {
                String fn = switch (op) {
                    case PLUS -> "add";
                    case MINUS -> "subtract";
                    case TIMES -> "multiply";
                    case DIVIDE -> "divide";
                    case MOD -> "mod";
                    case NEGATE -> "negate";
                    default -> "abs";
                };
                String args = (y == null ? x.value() : x.value() + ", " + y.value()) + ", " + t.precision() + ", "
                        + t.scale();
                return g.strict(t, y == null ? List.of(x) : List.of(x, y), FN + "Decimals." + fn + "(" + args + ")");
            }
        }
    }

    private Val floorCeil(Call c) {
        DataType t = c.type();
        Val x = g.gen(c.operands().get(0), t);
        String name = c.op() == Operator.FLOOR ? "floor" : "ceil";
        return switch (t.kind()) {
            case DOUBLE -> g.strict(t, x, "Math." + name + "(" + x.value() + ")");
            case DECIMAL -> g.strict(t, x, FN + "Decimals." + name + "(" + x.value() + ", " + t.precision() + ", "
                    + t.scale() + ")");
            default -> x;
        };
    }

    private Val round(Call c) {
        DataType t = c.type();
        // a DECIMAL rounds in its own scale, then fits the result's (which may have fewer digits)
        Val x = t.kind() == TypeKind.DECIMAL ? g.gen(c.operands().get(0)) : g.gen(c.operands().get(0), t);
        Val d = c.operands().size() > 1 ? g.gen(c.operands().get(1), BIGINT) : new Val("false", "0L", BIGINT);
        String digits = FN + "Casts.toInt(" + d.value() + ")";
        String e = switch (t.kind()) {
            case DOUBLE, BIGINT, INT -> FN + "MathFunctions.round(" + x.value() + ", " + digits + ")";
            case DECIMAL -> FN + "Decimals.round(" + x.value() + ", " + digits + ", " + t.precision() + ", " + t.scale()
                    + ")";
            default -> throw dev.runnel.exec.expr.fn.SqlErrors.unsupported("ROUND returning " + t.toSql());
        };
        return g.strict(t, List.of(x, d), e);
    }

    private Val doubleFunction(Call c) {
        Val x = g.gen(c.operands().get(0), DOUBLE);
        String e = switch (c.op()) {
            case POWER -> null;
            case SQRT -> "Math.sqrt(" + x.value() + ")";
            case LN -> "Math.log(" + x.value() + ")";
            case LOG10 -> "Math.log10(" + x.value() + ")";
            default -> "Math.exp(" + x.value() + ")";
        };
        Val r;
        if (e == null) {
            Val y = g.gen(c.operands().get(1), DOUBLE);
            r = g.strict(DOUBLE, List.of(x, y), "Math.pow(" + x.value() + ", " + y.value() + ")");
        } else {
            r = g.strict(DOUBLE, x, e);
        }
        return g.casts.convert(r, c.type());
    }
}
