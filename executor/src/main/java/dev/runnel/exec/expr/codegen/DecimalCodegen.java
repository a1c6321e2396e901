package dev.runnel.exec.expr.codegen;

import dev.runnel.exec.expr.SqlValues;
import dev.runnel.exec.expr.TypeRules;
import dev.runnel.exec.expr.fn.DecimalLongs;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.DynamicParam;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates DECIMAL arithmetic on unscaled longs ({@link DecimalLongs}) where it can, instead of a
 * {@code BigDecimal} per value: trees of PLUS, MINUS, TIMES, NEGATE, ABS and CAST to DECIMAL whose
 * leaves are INT/BIGINT columns, literals and parameters, DECIMAL columns and DECIMAL literals.
 * Whatever the declared precision (0.908 * price is DECIMAL(23, 3)), each value is computed in a
 * long at the scale {@code Decimals} would give it, rescaled HALF_UP and range-checked exactly as
 * {@code Decimals.fit} does at every node. When a long cannot hold an intermediate or final value,
 * or a value is out of range for its type, the generated code catches {@link DecimalLongs.Overflow}
 * and evaluates the whole tree again the {@code BigDecimal} way, which yields the large value or
 * raises the very SQL error it always did. So results, errors and their order are the
 * {@code BigDecimal} path's; only the cost differs. Leaves cannot fail, and nodes are evaluated in
 * the same order, each strict in its own operands, so no error can come from the long path itself.
 * Single-threaded; one per {@link ExprCodegen}.
 */
final class DecimalCodegen {
    private static final String FN = "dev.runnel.exec.expr.fn.";
    private static final String DL = FN + "DecimalLongs.";
    private final ExprCodegen g;
    /** While above zero the tree being generated is a fallback: no long path inside it. */
    private int suppressed;

    DecimalCodegen(ExprCodegen g) {
        this.g = g;
    }

    /**
     * A DECIMAL value from the long path: its NULL flag, its unscaled value at {@code type.scale()}
     * (when not NULL and {@code big} is null) and the {@code BigDecimal} local the fallback filled
     * (null when the long path held). All three are locals of the enclosing block.
     */
    record LongDecimal(String isNull, String unscaled, String big, DataType type) {}

    /** An operand or node of a long-path tree, and the scale of its value. */
    private sealed interface Node {
        int scale();
    }

    /** An INT or BIGINT column, literal or parameter, at scale 0. */
    private record Whole(Expr e) implements Node {
        public int scale() {
            return 0;
        }
    }

    /** A DECIMAL column, read as its unscaled long. */
    private record DecimalColumn(InputRef ref, int scale) implements Node {}

    /** A DECIMAL literal whose unscaled value fits a long (null for a NULL literal). */
    private record DecimalLiteral(Long unscaled, int scale) implements Node {}

    /**
     * An arithmetic call or CAST: operands' values combined at {@code natural} scale (what the
     * {@code BigDecimal} operation gives), then fitted to the call's type.
     */
    private record Op(Call call, List<Node> operands, int natural) implements Node {
        public int scale() {
            return call.type().scale();
        }
    }

    /** {@code e} (DECIMAL) on the long path, or null when it cannot go there (the caller generates it as before). */
    LongDecimal tryLong(Expr e) {
        if (suppressed > 0 || e.type().kind() != TypeKind.DECIMAL) {
            return null;
        }
        Node tree = analyze(e);
        if (tree == null) {
            return null;
        }
        String n = g.id("n");
        String u = g.id("u");
        String b = g.id("b");
        CodeWriter out = g.out;
        out.line("boolean " + n + " = false;");
        out.line("long " + u + " = 0L;");
        out.line("java.math.BigDecimal " + b + " = null;");
        out.line("try {");
        String[] r = emit(tree);
        out.line(n + " = " + r[0] + ";");
        out.line(u + " = " + r[1] + ";");
        out.line("} catch (" + DL + "Overflow " + g.id("x") + ") {");
        suppressed++;
        try {
            Val big = g.gen(e);
            out.line(n + " = " + big.isNull() + ";");
            out.line(b + " = " + n + " ? null : " + big.value() + ";");
        } finally {
            suppressed--;
        }
        out.line("}");
        return new LongDecimal(n, u, b, e.type());
    }

    /** {@code c} (DECIMAL arithmetic or CAST) as a {@code BigDecimal} value computed on the long path, or null. */
    Val tryGen(Call c) {
        LongDecimal d = tryLong(c);
        if (d == null) {
            return null;
        }
        String v = g.id("v");
        g.out.line("final java.math.BigDecimal " + v + " = " + d.isNull() + " ? null : " + d.big() + " != null ? "
                + d.big() + " : java.math.BigDecimal.valueOf(" + d.unscaled() + ", " + c.type().scale() + ");");
        return new Val(d.isNull(), v, c.type());
    }

    /** The long-path tree of {@code e}, or null if some part of it must stay {@code BigDecimal}. */
    private Node analyze(Expr e) {
        TypeKind k = e.type().kind();
        if (k == TypeKind.INT || k == TypeKind.BIGINT) {
            return e instanceof InputRef || e instanceof Literal || e instanceof DynamicParam ? new Whole(e) : null;
        }
        if (k != TypeKind.DECIMAL) {
            return null;
        }
        if (e instanceof InputRef r) {
            DataType t = r.index() < g.inputTypes.size() ? g.inputTypes.get(r.index()) : null;
            return t != null && t.kind() == TypeKind.DECIMAL ? new DecimalColumn(r, t.scale()) : null;
        }
        if (e instanceof Literal l) {
            Object v = SqlValues.coerce(l.value(), l.type());
            if (v == null) {
                return new DecimalLiteral(null, l.type().scale());
            }
            BigDecimal d = (BigDecimal) v;
            return d.unscaledValue().bitLength() < 64 ? new DecimalLiteral(d.unscaledValue().longValue(), d.scale())
                    : null;
        }
        if (!(e instanceof Call c)) {
            return null;
        }
        int natural;
        List<Node> ops = new ArrayList<>();
        switch (c.op()) {
            case PLUS, MINUS, TIMES, NEGATE, ABS -> {
                try {
                    if (TypeRules.arithForm(c) != TypeRules.ArithForm.NUMERIC || TypeRules.swapped(c)) {
                        return null;
                    }
                } catch (RuntimeException unsupported) {
                    return null;
                }
                for (Expr o : c.operands()) {
                    Node n = analyze(o);
                    if (n == null) {
                        return null;
                    }
                    ops.add(n);
                }
                natural = switch (c.op()) {
                    case TIMES -> ops.get(0).scale() + ops.get(1).scale();
                    case PLUS, MINUS -> Math.max(ops.get(0).scale(), ops.get(1).scale());
                    default -> ops.get(0).scale();
                };
                if (ops.size() == 2 && Math.abs(ops.get(0).scale() - ops.get(1).scale()) > DecimalLongs.MAX_RESCALE) {
                    return null;
                }
            }
            case CAST -> {
                Node n = analyze(c.operands().get(0));
                if (n == null) {
                    return null;
                }
                ops.add(n);
                natural = n.scale();
            }
            default -> {
                return null;
            }
        }
        if (Math.abs(natural - c.type().scale()) > DecimalLongs.MAX_RESCALE) {
            return null;
        }
        return new Op(c, ops, natural);
    }

    /** Emits {@code n}'s computation; returns its NULL flag and long value expressions. */
    private String[] emit(Node n) {
        if (n instanceof Whole w) {
            Val v = g.gen(w.e());
            return new String[] {v.isNull(), w.e().type().kind() == TypeKind.INT ? "((long) " + v.value() + ")"
                    : v.value()};
        }
        if (n instanceof DecimalColumn d) {
            String c = g.column(d.ref().index());
            String isNull = g.id("n");
            String v = g.id("u");
            g.out.line("final boolean " + isNull + " = !" + c + "nn && org.apache.arrow.vector.BitVectorHelper.get("
                    + c + "v, i) == 0;");
            g.out.line("final long " + v + " = " + isNull + " ? 0L : " + DL + "read(" + c + "d, i, " + c
                    + ".getScale(), " + d.scale() + ");");
            return new String[] {isNull, v};
        }
        if (n instanceof DecimalLiteral l) {
            return l.unscaled() == null ? new String[] {"true", "0L"}
                    : new String[] {"false", ExprCodegen.longLiteral(l.unscaled())};
        }
        return emitOp((Op) n);
    }

    private String[] emitOp(Op op) {
        List<String[]> vals = new ArrayList<>();
        for (Node o : op.operands()) {
            vals.add(emit(o));
        }
        StringBuilder cond = new StringBuilder();
        for (String[] v : vals) {
            if (v[0].equals("true")) {
                return new String[] {"true", "0L"};
            }
            if (!v[0].equals("false")) {
                cond.append(cond.length() == 0 ? "" : " || ").append(v[0]);
            }
        }
        String a = vals.get(0)[1];
        String expr = switch (op.call().op()) {
            case TIMES -> DL + "multiply(" + a + ", " + vals.get(1)[1] + ")";
            case PLUS, MINUS -> DL + (op.call().op() == Operator.PLUS ? "add(" : "subtract(")
                    + align(a, op.operands().get(0).scale(), op.natural()) + ", "
                    + align(vals.get(1)[1], op.operands().get(1).scale(), op.natural()) + ")";
            case NEGATE -> DL + "negate(" + a + ")";
            case ABS -> DL + "abs(" + a + ")";
            default -> a; // CAST
        };
        DataType t = op.call().type();
        // rescale and range check as Decimals.fit does, with the powers of ten as literals
        if (op.natural() < t.scale()) {
            expr = DL + "scaleUp(" + expr + ", " + pow10(t.scale() - op.natural()) + ")";
        } else if (op.natural() > t.scale()) {
            expr = DL + "scaleDown(" + expr + ", " + pow10(op.natural() - t.scale()) + ")";
        }
        if (t.precision() <= DecimalLongs.MAX_RESCALE) {
            expr = DL + "below(" + expr + ", " + pow10(t.precision()) + ")";
        }
        String v = g.id("u");
        if (cond.length() == 0) {
            g.out.line("final long " + v + " = " + expr + ";");
            return new String[] {"false", v};
        }
        String isNull = g.id("n");
        g.out.line("final boolean " + isNull + " = " + cond + ";");
        g.out.line("final long " + v + " = " + isNull + " ? 0L : " + expr + ";");
        return new String[] {isNull, v};
    }

    private static String align(String value, int from, int to) {
        return from == to ? value : DL + "scaleUp(" + value + ", " + pow10(to - from) + ")";
    }

    /** 10^digits as a Java long literal. */
    private static String pow10(int digits) {
        return DecimalLongs.pow10(digits) + "L";
    }
}
