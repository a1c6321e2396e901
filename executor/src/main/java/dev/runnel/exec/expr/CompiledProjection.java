package dev.runnel.exec.expr;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A list of expressions evaluated over whole batches into output vectors, made by
 * {@link ExprCompiler#projection}. One instance per operator: single-threaded.
 */
public interface CompiledProjection {
    /**
     * Evaluates every expression for the input rows {@code selection[from..to)} (or rows
     * {@code from..to} when {@code selection} is null) into rows {@code 0..to-from} of
     * {@code outputs} (one vector per expression, of its type). Allocates each output vector (what
     * it held is released) and sets its value count; the caller sets the batch row count.
     *
     * @throws dev.runnel.sql.RunnelSqlException (22000) when a row's value cannot be computed
     */
    void project(VectorSchemaRoot input, int[] selection, int from, int to, FieldVector[] outputs);
}
