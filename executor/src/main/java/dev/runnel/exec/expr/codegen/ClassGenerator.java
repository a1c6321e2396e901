package dev.runnel.exec.expr.codegen;

import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the Java source of a generated filter or projection class: per batch it binds the Arrow
 * buffers of the columns it reads, then loops over the rows, keeping values in primitive locals
 * with separate null flags, and writes results with {@code set(j, v)} into vectors it allocated
 * once per batch. A projection gets one method (one loop) per output column. Within one loop a
 * subexpression that occurs more than once is computed at most once per row
 * ({@link ExprCodegen#startLoop}). Thread-safe.
 *
 * <p>The class has a constructor {@code (Object[] constants, Object[] parameters, java.time.Clock)}.
 */
public final class ClassGenerator {
    /** Package the generated classes are named in. */
    public static final String PACKAGE = "dev.runnel.exec.expr.generated";
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private ClassGenerator() {}

    /** Source, constants and parameter types of one generated class. */
    public record Generated(String className, String source, Object[] constants, Map<Integer, DataType> parameters) {}

    /** A {@code CompiledFilter} for {@code condition} over input columns of {@code inputTypes}. */
    public static Generated filter(Expr condition, List<DataType> inputTypes) {
        ExprCodegen g = new ExprCodegen(inputTypes);
        String name = "Filter" + SEQUENCE.incrementAndGet();
        g.startLoop(List.of(condition));
        Val r = g.gen(condition);
        String body = g.loopBody();
        StringBuilder m = new StringBuilder();
        m.append("    public int filter(org.apache.arrow.vector.VectorSchemaRoot root, int rowCount, int[] sel) {\n");
        if (g.usesNow) {
            m.append("        now = clock.millis();\n");
        }
        m.append(prologue(g, "rowCount"));
        m.append("        int n = 0;\n");
        m.append("        for (int i = 0; i < rowCount; i++) {\n");
        m.append(body);
        m.append("            if (!").append(r.isNull()).append(" && ").append(r.value()).append(") {\n");
        m.append("                sel[n++] = i;\n");
        m.append("            }\n");
        m.append("        }\n");
        m.append("        return n;\n");
        m.append("    }\n");
        return assemble(g, name, "dev.runnel.exec.expr.CompiledFilter", m.toString());
    }

    /** A {@code CompiledProjection} computing {@code exprs} over input columns of {@code inputTypes}. */
    public static Generated projection(List<Expr> exprs, List<DataType> inputTypes) {
        ExprCodegen g = new ExprCodegen(inputTypes);
        String name = "Projection" + SEQUENCE.incrementAndGet();
        StringBuilder methods = new StringBuilder();
        StringBuilder main = new StringBuilder();
        main.append("    public void project(org.apache.arrow.vector.VectorSchemaRoot root, int[] sel, int from, int to,"
                + " org.apache.arrow.vector.FieldVector[] out) {\n");
        boolean usesNowBefore = false;
        for (int e = 0; e < exprs.size(); e++) {
            methods.append(column(g, e, exprs.get(e)));
            usesNowBefore |= g.usesNow;
        }
        if (usesNowBefore) {
            main.append("        now = clock.millis();\n");
        }
        for (int e = 0; e < exprs.size(); e++) {
            main.append("        col").append(e).append("(root, sel, from, to, out[").append(e).append("]);\n");
        }
        main.append("    }\n");
        return assemble(g, name, "dev.runnel.exec.expr.CompiledProjection", main + methods.toString());
    }

    private static String column(ExprCodegen g, int index, Expr e) {
        g.usedColumns.clear();
        g.startLoop(List.of(e));
        DataType t = e.type();
        TypeKind k = t.kind();
        String vec = JavaTypes.vector(k);
        String write;
        String presize = "";
        DecimalCodegen.LongDecimal d;
        if (e instanceof InputRef r && ExprCodegen.isVarcharColumn(r, g.inputTypes) && k == TypeKind.VARCHAR) {
            String c = g.column(r.index());
            g.out.line("if (!" + c + "nn && org.apache.arrow.vector.BitVectorHelper.get(" + c + "v, i) == 0) {");
            g.out.line("o.setNull(j);");
            g.out.line("} else {");
            String[] sl = g.slice(r);
            // the data buffer was sized for the chosen rows before the loop
            g.out.line("o.set(j, " + sl[1] + ", " + sl[2] + " - " + sl[1] + ", " + sl[0] + ");");
            g.out.line("}");
            write = "";
            presize = "        long need = 0;\n"
                    + "        for (int k = from; k < to; k++) {\n"
                    + "            final int i = sel == null ? k : sel[k];\n"
                    + "            need += " + c + "o.getInt(((long) i + 1) << 2) - " + c + "o.getInt(((long) i) << 2);\n"
                    + "        }\n"
                    + "        if (o.getDataBuffer().capacity() < need) {\n"
                    + "            o.reallocDataBuffer(need);\n"
                    + "        }\n";
        } else if (k == TypeKind.DECIMAL && (d = g.decimals.tryLong(e)) != null) {
            // unscaled longs straight into the vector; the BigDecimal write only after a fallback or
            // into a vector of another scale or a smaller precision
            write = "            if (" + d.isNull() + ") {\n                o.setNull(j);\n            } else if ("
                    + d.big() + " == null && os == " + t.scale() + " && dev.runnel.exec.expr.fn.DecimalLongs.fits("
                    + d.unscaled() + ", op)) {\n                o.set(j, " + d.unscaled() + ");\n            } else {\n"
                    + "                o.set(j, dev.runnel.exec.expr.fn.Decimals.fit(" + d.big() + " != null ? " + d.big()
                    + " : java.math.BigDecimal.valueOf(" + d.unscaled() + ", " + t.scale() + "), op, os));\n"
                    + "            }\n";
        } else {
            Val v = g.gen(e);
            write = switch (k) {
                case NULL -> "";
                case BOOLEAN -> "o.set(j, " + v.value() + " ? 1 : 0);";
                case DECIMAL -> "o.set(j, dev.runnel.exec.expr.fn.Decimals.fit(" + v.value() + ", op, os));";
                case VARCHAR -> "o.setSafe(j, " + v.value() + ", 0, " + v.value() + ".length);";
                default -> "o.set(j, " + v.value() + ");";
            };
            if (!write.isEmpty()) {
                write = "            if (" + v.isNull() + ") {\n                o.setNull(j);\n            } else {\n"
                        + "                " + write + "\n            }\n";
            }
        }
        StringBuilder m = new StringBuilder();
        m.append("    private void col").append(index).append("(org.apache.arrow.vector.VectorSchemaRoot root, int[] sel,"
                + " int from, int to, org.apache.arrow.vector.FieldVector target) {\n");
        m.append(prologue(g, "root.getRowCount()"));
        m.append("        final ").append(vec).append(" o = (").append(vec).append(") target;\n");
        if (k == TypeKind.DECIMAL) {
            m.append("        final int op = o.getPrecision();\n        final int os = o.getScale();\n");
        }
        m.append("        dev.runnel.exec.arrow.Vectors.allocate(target, to - from);\n");
        if (e instanceof InputRef r && r.index() < g.inputTypes.size() && g.inputTypes.get(r.index()).kind() == k
                && k != TypeKind.NULL && k != TypeKind.BOOLEAN) {
            // a column passed on unchanged: whole-buffer copies when the rows are a range
            m.append("        if (sel == null && dev.runnel.exec.expr.fn.RangeCopy.copy(root.getVector(").append(r.index())
                    .append("), from, to, target)) {\n            return;\n        }\n");
        }
        m.append(presize);
        m.append("        for (int k = from; k < to; k++) {\n");
        m.append("            final int i = sel == null ? k : sel[k];\n");
        m.append("            final int j = k - from;\n");
        m.append(g.loopBody());
        m.append(write);
        m.append("        }\n");
        m.append("        target.setValueCount(to - from);\n");
        m.append("    }\n");
        return m.toString();
    }

    /**
     * Binds the vectors and buffers of the columns the code reads, checking their classes, and
     * whether each column is free of NULLs over the batch's {@code rows} rows ({@code c<i>nn}): the
     * loop then skips reading its validity bits (one count per batch instead of a bit test per value).
     */
    private static String prologue(ExprCodegen g, String rows) {
        StringBuilder p = new StringBuilder();
        for (int c : g.usedColumns) {
            TypeKind k = g.inputTypes.get(c).kind();
            String vec = JavaTypes.vector(k);
            String x = "c" + c + "x";
            p.append("        final org.apache.arrow.vector.FieldVector ").append(x).append(" = root.getVector(").append(c)
                    .append(");\n");
            p.append("        if (!(").append(x).append(" instanceof ").append(vec).append(")) {\n");
            p.append("            throw new IllegalArgumentException(\"input column ").append(c).append(" is not a ")
                    .append(vec).append("\");\n");
            p.append("        }\n");
            p.append("        final org.apache.arrow.memory.ArrowBuf c").append(c).append("v = ").append(x)
                    .append(".getValidityBuffer();\n");
            p.append("        final org.apache.arrow.memory.ArrowBuf c").append(c).append("d = ").append(x)
                    .append(".getDataBuffer();\n");
            p.append("        final boolean c").append(c).append("nn = ").append(x).append(".getValueCount() >= ")
                    .append(rows).append(" && ").append(x).append(".getNullCount() == 0;\n");
            if (k == TypeKind.VARCHAR) {
                p.append("        final org.apache.arrow.memory.ArrowBuf c").append(c).append("o = ").append(x)
                        .append(".getOffsetBuffer();\n");
            }
            if (k == TypeKind.DECIMAL) {
                p.append("        final ").append(vec).append(" c").append(c).append(" = (").append(vec).append(") ")
                        .append(x).append(";\n");
            }
        }
        return p.toString();
    }

    private static Generated assemble(ExprCodegen g, String name, String iface, String methods) {
        StringBuilder s = new StringBuilder();
        s.append("package ").append(PACKAGE).append(";\n\n");
        s.append("public final class ").append(name).append(" implements ").append(iface).append(" {\n");
        s.append(g.fields);
        s.append("    private final java.time.Clock clock;\n");
        s.append("    private long now;\n");
        for (Map.Entry<Integer, DataType> p : g.params.entrySet()) {
            TypeKind k = p.getValue().kind();
            s.append("    private final boolean p").append(p.getKey()).append("n;\n");
            s.append("    private final ").append(JavaTypes.of(k)).append(" p").append(p.getKey()).append(";\n");
        }
        s.append("\n    public ").append(name).append("(Object[] k, Object[] p, java.time.Clock clock) {\n");
        s.append(g.constructor);
        s.append("        this.clock = clock;\n");
        for (Map.Entry<Integer, DataType> p : g.params.entrySet()) {
            int i = p.getKey();
            TypeKind k = p.getValue().kind();
            s.append("        this.p").append(i).append("n = p[").append(i).append("] == null;\n");
            s.append("        this.p").append(i).append(" = p").append(i).append("n ? ").append(JavaTypes.zero(k)).append(" : ")
                    .append(JavaTypes.unbox(k, "p[" + i + "]")).append(";\n");
        }
        s.append("    }\n\n");
        s.append(methods);
        s.append("}\n");
        return new Generated(PACKAGE + "." + name, s.toString(), g.constants.toArray(), Map.copyOf(g.params));
    }
}
