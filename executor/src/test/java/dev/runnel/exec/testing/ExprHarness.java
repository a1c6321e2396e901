package dev.runnel.exec.testing;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.CompiledFilter;
import dev.runnel.exec.expr.CompiledProjection;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.expr.ExprInterpreter;
import dev.runnel.exec.expr.InterpretedFilter;
import dev.runnel.exec.expr.InterpretedProjection;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.RowSchema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Evaluates expressions over rows compiled and interpreted, for tests. Closes with a leak check. */
public final class ExprHarness implements AutoCloseable {
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2024-02-29T12:34:56.789Z"), ZoneOffset.UTC);

    private final BufferAllocator allocator = new RootAllocator();
    private final ExprCompiler compiler;
    private final List<Object> parameters;

    public ExprHarness() {
        this(new ExprCompiler(), List.of());
    }

    public ExprHarness(ExprCompiler compiler, List<Object> parameters) {
        this.compiler = compiler;
        this.parameters = parameters;
    }

    public ExprCompiler compiler() {
        return compiler;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    public OperatorContext context() {
        return new OperatorContext(allocator, parameters, CLOCK);
    }

    /** Values of {@code exprs} per row through compiled code. */
    public List<List<Object>> project(List<Expr> exprs, RowSchema schema, List<? extends List<?>> rows) {
        return run(compiler.projection(exprs, schema, context()), exprs, schema, rows);
    }

    /** Values of {@code exprs} per row through the interpreter's batch fallback. */
    public List<List<Object>> projectInterpreted(List<Expr> exprs, RowSchema schema, List<? extends List<?>> rows) {
        return run(new InterpretedProjection(exprs, parameters, CLOCK), exprs, schema, rows);
    }

    /** Values of {@code e} per row, evaluated directly by the interpreter. */
    public List<Object> interpret(Expr e, List<? extends List<?>> rows) {
        ExprInterpreter in = new ExprInterpreter(parameters, CLOCK.millis());
        List<Object> out = new ArrayList<>();
        for (List<?> r : rows) {
            out.add(in.evaluate(e, r.toArray()));
        }
        return out;
    }

    /** Compiled value of a single expression per row. */
    public List<Object> eval(Expr e, RowSchema schema, List<? extends List<?>> rows) {
        List<Object> out = new ArrayList<>();
        for (List<Object> r : project(List.of(e), schema, rows)) {
            out.add(r.get(0));
        }
        return out;
    }

    private List<List<Object>> run(CompiledProjection p, List<Expr> exprs, RowSchema schema,
            List<? extends List<?>> rows) {
        List<Column> outCols = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            outCols.add(new Column("e" + i, exprs.get(i).type()));
        }
        try (VectorSchemaRoot in = Vectors.fromRows(schema, rows, allocator);
                VectorSchemaRoot out = Vectors.newRoot(new RowSchema(outCols), allocator)) {
            FieldVector[] vs = out.getFieldVectors().toArray(new FieldVector[0]);
            p.project(in, null, 0, rows.size(), vs);
            out.setRowCount(rows.size());
            List<List<Object>> result = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                List<Object> row = new ArrayList<>();
                for (FieldVector v : vs) {
                    row.add(Vectors.get(v, r));
                }
                result.add(row);
            }
            return result;
        }
    }

    /** Indices of the rows a compiled filter keeps. */
    public List<Integer> filter(Expr condition, RowSchema schema, List<? extends List<?>> rows) {
        return runFilter(compiler.filter(condition, schema, context()), schema, rows);
    }

    public List<Integer> filterInterpreted(Expr condition, RowSchema schema, List<? extends List<?>> rows) {
        return runFilter(new InterpretedFilter(condition, parameters, CLOCK), schema, rows);
    }

    private List<Integer> runFilter(CompiledFilter f, RowSchema schema, List<? extends List<?>> rows) {
        try (VectorSchemaRoot in = Vectors.fromRows(schema, rows, allocator)) {
            int[] sel = new int[rows.size()];
            int n = f.filter(in, rows.size(), sel);
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(sel[i]);
            }
            return out;
        }
    }

    @Override
    public void close() {
        if (allocator.getAllocatedMemory() != 0) {
            throw new AssertionError("leaked " + allocator.getAllocatedMemory() + " bytes");
        }
        allocator.close();
    }
}
