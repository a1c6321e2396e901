package dev.runnel.exec.operator.project;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.CompiledFilter;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.ProjectingEmitter;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.RowSchema;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Keeps the rows for which a compiled condition is TRUE. A batch whose rows all pass goes on as it
 * is; otherwise the kept rows are copied into the operator's own batch. Single-threaded.
 */
public final class FilterOperator extends StatelessOperator {
    private final Expr condition;
    private final RowSchema schema;
    private final ExprCompiler compiler;
    private CompiledFilter filter;
    private int[] selection = new int[0];

    public FilterOperator(Expr condition, RowSchema schema, ExprCompiler compiler) {
        this.condition = condition;
        this.schema = schema;
        this.compiler = compiler;
    }

    public static FilterOperator forNode(FilterNode node, ExprCompiler compiler) {
        return new FilterOperator(node.condition(), node.input().schema(), compiler);
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.output = output;
        this.filter = compiler.filter(condition, schema, context);
        this.emitter = ProjectingEmitter.copying(compiler, schema, context);
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        if (selection.length < rows) {
            selection = new int[Math.max(rows, Vectors.MAX_BATCH_ROWS)];
        }
        int kept = filter.filter(batch, rows, selection);
        if (kept == rows && rows <= Vectors.MAX_BATCH_ROWS) {
            if (rows > 0) {
                output.emit(batch);
            }
        } else if (kept > 0) {
            emitter.emit(batch, selection, kept, output);
        }
    }
}
