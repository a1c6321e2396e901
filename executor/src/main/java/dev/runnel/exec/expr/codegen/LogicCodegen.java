package dev.runnel.exec.expr.codegen;

import dev.runnel.exec.expr.TypeRules;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;

/**
 * Generates comparisons (in the kind both operands meet in; VARCHAR in byte order, comparing a
 * column with a constant in place), IS [NOT] DISTINCT FROM, three-valued AND/OR (left to right,
 * stopping at the first FALSE/TRUE), NOT, the IS tests, CASE, COALESCE (lazy) and NULLIF.
 * Single-threaded.
 */
final class LogicCodegen {
    private static final DataType BOOLEAN = DataType.of(TypeKind.BOOLEAN).notNull();
    private final ExprCodegen g;

    LogicCodegen(ExprCodegen g) {
        this.g = g;
    }

    Val gen(Call c) {
        List<Expr> ops = c.operands();
        return switch (c.op()) {
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL ->
                comparison(c);
            case IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> distinct(c);
            case AND, OR -> andOr(c.op() == Operator.AND, ops);
            case NOT -> {
                Val x = g.gen(ops.get(0));
                yield new Val(x.isNull(), "(!" + x.value() + ")", c.type());
            }
            case IS_NULL, IS_NOT_NULL, IS_TRUE, IS_FALSE, IS_NOT_TRUE, IS_NOT_FALSE -> isTest(c);
            case CASE -> caseWhen(c);
            case COALESCE -> coalesce(c);
            case NULLIF -> nullIf(c);
            default -> throw new IllegalStateException(c.op().name());
        };
    }

    private static String symbol(Operator op) {
        return switch (op) {
            case EQUALS -> "==";
            case NOT_EQUALS -> "!=";
            case LESS_THAN -> "<";
            case LESS_THAN_OR_EQUAL -> "<=";
            case GREATER_THAN -> ">";
            default -> ">=";
        };
    }

    private static Operator flip(Operator op) {
        return switch (op) {
            case LESS_THAN -> Operator.GREATER_THAN;
            case LESS_THAN_OR_EQUAL -> Operator.GREATER_THAN_OR_EQUAL;
            case GREATER_THAN -> Operator.LESS_THAN;
            case GREATER_THAN_OR_EQUAL -> Operator.LESS_THAN_OR_EQUAL;
            default -> op;
        };
    }

    /** A Java int expression ordering x against y (sign only), both non-null and of kind {@code k}. */
    static String order(TypeKind k, String x, String y) {
        return switch (k) {
            case BOOLEAN -> "Boolean.compare(" + x + ", " + y + ")";
            case INT, DATE, INTERVAL_YEAR_MONTH -> "Integer.compare(" + x + ", " + y + ")";
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> "Long.compare(" + x + ", " + y + ")";
            case DOUBLE -> "dev.runnel.exec.expr.fn.Arith.compare(" + x + ", " + y + ")";
            case DECIMAL -> x + ".compareTo(" + y + ")";
            case VARCHAR -> "dev.runnel.exec.expr.fn.Utf8.compare(" + x + ", " + y + ")";
            case NULL -> "0";
        };
    }

    private Val comparison(Call c) {
        Expr a = c.operands().get(0);
        Expr b = c.operands().get(1);
        TypeKind k = TypeRules.comparisonKind(a.type(), b.type());
        if (k == TypeKind.NULL) {
            return new Val("true", "false", c.type());
        }
        Operator op = c.op();
        if (k == TypeKind.VARCHAR && b instanceof Literal lit && lit.value() != null
                && ExprCodegen.isVarcharColumn(a, g.inputTypes)) {
            return columnVersusConstant(c, op, (InputRef) a, g.literal(lit.value(), lit.type()));
        }
        if (k == TypeKind.VARCHAR && a instanceof Literal lit && lit.value() != null
                && ExprCodegen.isVarcharColumn(b, g.inputTypes)) {
            return columnVersusConstant(c, flip(op), (InputRef) b, g.literal(lit.value(), lit.type()));
        }
        DataType t = DataType.of(k);
        Val x = g.gen(a, t);
        Val y = g.gen(b, t);
        if (k == TypeKind.INT || k == TypeKind.BIGINT || k == TypeKind.DATE || k == TypeKind.TIMESTAMP
                || k == TypeKind.INTERVAL_DAY_TIME || k == TypeKind.INTERVAL_YEAR_MONTH) {
            return g.safe(c.type(), List.of(x, y), "(" + x.value() + " " + symbol(op) + " " + y.value() + ")");
        }
        if (k == TypeKind.DOUBLE || k == TypeKind.BOOLEAN) {
            return g.safe(c.type(), List.of(x, y), "(" + order(k, x.value(), y.value()) + " " + symbol(op) + " 0)");
        }
        String e;
        if (k == TypeKind.VARCHAR && (op == Operator.EQUALS || op == Operator.NOT_EQUALS)) {
            e = (op == Operator.EQUALS ? "" : "!") + "java.util.Arrays.equals(" + x.value() + ", " + y.value() + ")";
        } else {
            e = "(" + order(k, x.value(), y.value()) + " " + symbol(op) + " 0)";
        }
        return g.strict(c.type(), List.of(x, y), e);
    }

    private Val columnVersusConstant(Call c, Operator op, InputRef col, Val lit) {
        String cv = g.column(col.index()) + "v";
        String n = g.id("n");
        g.out.line("final boolean " + n + " = org.apache.arrow.vector.BitVectorHelper.get(" + cv + ", i) == 0;");
        String v = g.id("v");
        g.out.line("boolean " + v + " = false;");
        g.out.line("if (!" + n + ") {");
        String[] sl = g.slice(col);
        String fn = "dev.runnel.exec.expr.fn.Utf8.";
        if (op == Operator.EQUALS || op == Operator.NOT_EQUALS) {
            g.out.line(v + " = " + (op == Operator.EQUALS ? "" : "!") + fn + "equals(" + sl[0] + ", " + sl[1] + ", "
                    + sl[2] + ", " + lit.value() + ");");
        } else {
            g.out.line(v + " = " + fn + "compare(" + sl[0] + ", " + sl[1] + ", " + sl[2] + ", " + lit.value() + ") "
                    + symbol(op) + " 0;");
        }
        g.out.line("}");
        return new Val(n, v, c.type());
    }

    private Val distinct(Call c) {
        Expr a = c.operands().get(0);
        Expr b = c.operands().get(1);
        TypeKind k = TypeRules.comparisonKind(a.type(), b.type());
        DataType t = DataType.of(k);
        Val x = g.gen(a, t);
        Val y = g.gen(b, t);
        boolean isDistinct = c.op() == Operator.IS_DISTINCT_FROM;
        String v = g.id("v");
        g.out.line("boolean " + v + ";");
        g.out.line("if (" + x.isNull() + " || " + y.isNull() + ") {");
        g.out.line(v + " = " + x.isNull() + (isDistinct ? " != " : " == ") + y.isNull() + ";");
        g.out.line("} else {");
        g.out.line(v + " = " + order(k, x.value(), y.value()) + (isDistinct ? " != 0;" : " == 0;"));
        g.out.line("}");
        return new Val("false", v, BOOLEAN);
    }

    private Val andOr(boolean isAnd, List<Expr> ops) {
        String sawNull = g.id("n");
        String result = g.id("v");
        String label = g.id("L");
        g.out.line("boolean " + sawNull + " = false;");
        g.out.line("boolean " + result + " = " + isAnd + ";");
        // a labeled block, not nested ifs, so long AND/OR chains stay flat
        g.out.line(label + ": {");
        for (Expr o : ops) {
            Val x = g.gen(o);
            // stop at the first FALSE (AND) / TRUE (OR); a NULL only marks the result
            g.out.line("if (!" + x.isNull() + " && " + (isAnd ? "!" : "") + x.value() + ") {");
            g.out.line(result + " = " + !isAnd + ";");
            g.out.line("break " + label + ";");
            g.out.line("}");
            g.out.line("if (" + x.isNull() + ") " + sawNull + " = true;");
        }
        g.out.line("}");
        String n = g.id("n");
        g.out.line("final boolean " + n + " = " + result + " == " + isAnd + " && " + sawNull + ";");
        return new Val(n, result, BOOLEAN.withNullable(true));
    }

    private Val isTest(Call c) {
        Val x = g.gen(c.operands().get(0));
        String e = switch (c.op()) {
            case IS_NULL -> x.isNull();
            case IS_NOT_NULL -> "!" + x.isNull();
            case IS_TRUE -> "(!" + x.isNull() + " && " + x.value() + ")";
            case IS_FALSE -> "(!" + x.isNull() + " && !" + x.value() + ")";
            case IS_NOT_TRUE -> "(" + x.isNull() + " || !" + x.value() + ")";
            default -> "(" + x.isNull() + " || " + x.value() + ")";
        };
        String v = g.id("v");
        g.out.line("final boolean " + v + " = " + e + ";");
        return new Val("false", v, BOOLEAN);
    }

    private void assign(Val target, Val source) {
        g.out.line(target.isNull() + " = " + source.isNull() + ";");
        g.out.line("if (!" + target.isNull() + ") " + target.value() + " = " + source.value() + ";");
    }

    private Val caseWhen(Call c) {
        List<Expr> ops = c.operands();
        Val r = g.declare(c.type());
        String label = g.id("L");
        int n = ops.size();
        g.out.line(label + ": {");
        for (int i = 0; i + 1 < n; i += 2) {
            Val cond = g.gen(ops.get(i));
            g.out.line("if (!" + cond.isNull() + " && " + cond.value() + ") {");
            assign(r, g.gen(ops.get(i + 1), c.type()));
            g.out.line("break " + label + ";");
            g.out.line("}");
        }
        if (n % 2 == 1) {
            assign(r, g.gen(ops.get(n - 1), c.type()));
        }
        g.out.line("}");
        return r;
    }

    private Val coalesce(Call c) {
        Val r = g.declare(c.type());
        String label = g.id("L");
        g.out.line(label + ": {");
        for (Expr o : c.operands()) {
            Val x = g.gen(o, c.type());
            assign(r, x);
            g.out.line("if (!" + r.isNull() + ") break " + label + ";");
        }
        g.out.line("}");
        return r;
    }

    private Val nullIf(Call c) {
        Expr a = c.operands().get(0);
        Expr b = c.operands().get(1);
        TypeKind k = TypeRules.comparisonKind(a.type(), b.type());
        Val x = g.gen(a);
        Val y = g.gen(b);
        DataType t = DataType.of(k);
        Val cx = g.casts.convert(x, t);
        Val cy = g.casts.convert(y, t);
        Val r = g.declare(c.type());
        g.out.line("if (!" + cx.isNull() + " && (" + cy.isNull() + " || " + LogicCodegen.order(k, cx.value(), cy.value())
                + " != 0)) {");
        assign(r, g.casts.convert(x, c.type()));
        g.out.line("}");
        return r;
    }
}
