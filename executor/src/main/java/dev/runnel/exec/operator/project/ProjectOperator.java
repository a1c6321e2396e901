package dev.runnel.exec.operator.project;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.CompiledFilter;
import dev.runnel.exec.expr.CompiledProjection;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.ProjectingEmitter;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.RowSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Computes one output column per compiled expression. It may also carry the condition of a filter
 * right below it (a plan's Project over Filter), so kept rows are computed straight from the input
 * batch without copying them first; text-valued subexpressions that the condition computes for every
 * row and the projection needs again are computed once per batch ({@link SharedSubexpressions}).
 * Single-threaded.
 */
public final class ProjectOperator extends StatelessOperator {
    private final Optional<Expr> condition;
    private final List<Expr> exprs;
    private final RowSchema inputSchema;
    private final RowSchema outputSchema;
    private final ExprCompiler compiler;
    private CompiledFilter filter;
    private int[] selection = new int[0];
    private CompiledProjection sharedProjection;
    private FieldVector[] sharedVectors;
    private VectorSchemaRoot sharedRoot;

    /**
     * @param condition rows to keep before projecting (over the input row), if any
     * @param exprs one per output column, over the input row
     */
    public ProjectOperator(Optional<Expr> condition, List<Expr> exprs, RowSchema inputSchema, RowSchema outputSchema,
            ExprCompiler compiler) {
        this.condition = condition;
        this.exprs = List.copyOf(exprs);
        this.inputSchema = inputSchema;
        this.outputSchema = outputSchema;
        this.compiler = compiler;
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.output = output;
        SharedSubexpressions shared = condition.map(c -> SharedSubexpressions.find(c, exprs, inputSchema))
                .orElse(null);
        if (shared != null && !shared.shared().isEmpty()) {
            sharedProjection = compiler.projection(shared.shared(), inputSchema, context);
            sharedRoot = Vectors.newRoot(new RowSchema(shared.extended().columns().subList(inputSchema.size(),
                    shared.extended().size())), context.allocator());
            sharedVectors = sharedRoot.getFieldVectors().toArray(new FieldVector[0]);
            this.filter = compiler.filter(shared.condition(), shared.extended(), context);
            this.emitter = new ProjectingEmitter(compiler.projection(shared.exprs(), shared.extended(), context),
                    outputSchema, context);
            return;
        }
        this.filter = condition.map(c -> compiler.filter(c, inputSchema, context)).orElse(null);
        this.emitter = new ProjectingEmitter(compiler.projection(exprs, inputSchema, context), outputSchema, context);
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        if (sharedProjection != null) {
            batch = withShared(batch, rows);
        }
        if (filter == null) {
            emitter.emit(batch, null, rows, output);
            return;
        }
        if (selection.length < rows) {
            selection = new int[Math.max(rows, Vectors.MAX_BATCH_ROWS)];
        }
        int kept = filter.filter(batch, rows, selection);
        emitter.emit(batch, selection, kept, output);
    }

    /** {@code batch}'s columns followed by the shared subexpressions computed over all its rows (no copy of the input). */
    private VectorSchemaRoot withShared(VectorSchemaRoot batch, int rows) {
        sharedProjection.project(batch, null, 0, rows, sharedVectors);
        List<FieldVector> vectors = new ArrayList<>(batch.getFieldVectors());
        vectors.addAll(List.of(sharedVectors));
        List<Field> fields = new ArrayList<>(vectors.size());
        for (FieldVector v : vectors) {
            fields.add(v.getField());
        }
        return new VectorSchemaRoot(fields, vectors, rows);
    }

    @Override
    public void close() {
        super.close();
        if (sharedRoot != null) {
            sharedRoot.close();
        }
    }
}
