package dev.runnel.exec.expr;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A boolean condition evaluated over whole batches, made by {@link ExprCompiler#filter}. One
 * instance per operator: single-threaded (it may keep per-batch state such as the clock reading).
 */
public interface CompiledFilter {
    /**
     * Writes the indices of the rows in {@code [0, rowCount)} of {@code input} for which the
     * condition is TRUE (not FALSE, not NULL) into {@code selection}, ascending, and returns how
     * many. {@code selection} must hold at least {@code rowCount} ints.
     *
     * @throws dev.runnel.sql.RunnelSqlException (22000) when a row's value cannot be computed
     */
    int filter(VectorSchemaRoot input, int rowCount, int[] selection);
}
