package dev.runnel.exec.operator;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.CompiledProjection;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.physical.RowSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Projects chosen rows of an input batch into a batch it owns and emits that in chunks of at most
 * {@link Vectors#MAX_BATCH_ROWS} rows: the output side of filter, project, limit and friends.
 * Single-threaded; close releases the batch.
 */
public final class ProjectingEmitter implements AutoCloseable {
    private final CompiledProjection projection;
    private final VectorSchemaRoot out;
    private final FieldVector[] vectors;

    public ProjectingEmitter(CompiledProjection projection, RowSchema outSchema, OperatorContext ctx) {
        this.projection = projection;
        this.out = Vectors.newRoot(outSchema, ctx.allocator());
        this.vectors = out.getFieldVectors().toArray(new FieldVector[0]);
    }

    /** An emitter that copies rows unchanged. */
    public static ProjectingEmitter copying(ExprCompiler compiler, RowSchema schema, OperatorContext ctx) {
        return new ProjectingEmitter(compiler.projection(identity(schema), schema, ctx), schema, ctx);
    }

    /** Column references {@code 0..n-1} of {@code schema}. */
    public static List<Expr> identity(RowSchema schema) {
        List<Expr> refs = new ArrayList<>(schema.size());
        int i = 0;
        for (Column c : schema.columns()) {
            refs.add(new InputRef(i++, c.type()));
        }
        return refs;
    }

    /** Emits rows {@code selection[0..count)} of {@code input} (rows {@code 0..count} when selection is null). */
    public void emit(VectorSchemaRoot input, int[] selection, int count, Output output) {
        for (int from = 0; from < count; from += Vectors.MAX_BATCH_ROWS) {
            int to = Math.min(count, from + Vectors.MAX_BATCH_ROWS);
            projection.project(input, selection, from, to, vectors);
            out.setRowCount(to - from);
            output.emit(out);
        }
    }

    /** Emits rows {@code from..to} of {@code input}. */
    public void emitRange(VectorSchemaRoot input, int from, int to, Output output) {
        for (int start = from; start < to; start += Vectors.MAX_BATCH_ROWS) {
            int end = Math.min(to, start + Vectors.MAX_BATCH_ROWS);
            projection.project(input, null, start, end, vectors);
            out.setRowCount(end - start);
            output.emit(out);
        }
    }

    @Override
    public void close() {
        out.close();
    }
}
