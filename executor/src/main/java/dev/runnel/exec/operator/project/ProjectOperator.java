package dev.runnel.exec.operator.project;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.CompiledFilter;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.ProjectingEmitter;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.RowSchema;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Computes one output column per compiled expression. It may also carry the condition of a filter
 * right below it (a plan's Project over Filter), so kept rows are computed straight from the input
 * batch without copying them first. Single-threaded.
 */
public final class ProjectOperator extends StatelessOperator {
    private final Optional<Expr> condition;
    private final List<Expr> exprs;
    private final RowSchema inputSchema;
    private final RowSchema outputSchema;
    private final ExprCompiler compiler;
    private CompiledFilter filter;
    private int[] selection = new int[0];

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
        this.filter = condition.map(c -> compiler.filter(c, inputSchema, context)).orElse(null);
        this.emitter = new ProjectingEmitter(compiler.projection(exprs, inputSchema, context), outputSchema, context);
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
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
}
