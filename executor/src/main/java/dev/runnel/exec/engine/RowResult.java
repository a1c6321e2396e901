package dev.runnel.exec.engine;

import dev.runnel.planner.catalog.Column;
import java.util.List;

/**
 * Rows of a query, produced while they are read: {@link #fetch} blocks until rows are there (push
 * queries run until cancelled or their LIMIT), and a slow reader slows the query down (bounded
 * buffering). Values are the Java representations of the column types (see {@code TypeKind}:
 * TIMESTAMP as Long epoch millis, DATE as Integer days, DECIMAL as BigDecimal, ...).
 *
 * <p>Single reader thread; {@link #cancel()} may be called from any thread.
 */
public non-sealed interface RowResult extends StatementResult {
    List<Column> columns();

    /** Whether the query is a push query that never ends by itself. */
    boolean unbounded();

    /**
     * Up to {@code maxRows} rows, waiting until at least one is available; an empty list means the
     * end. Throws the query's failure, if it failed.
     */
    List<Object[]> fetch(int maxRows);

    /**
     * Like {@link #fetch(int)}, but waits at most about {@code timeoutMillis} for the first row:
     * null when none came in that time (the query goes on). For servers that must answer a client
     * now and then while a push query is quiet. This default waits as long as {@link #fetch(int)}.
     */
    default List<Object[]> fetch(int maxRows, long timeoutMillis) {
        return fetch(maxRows);
    }

    /**
     * Stops the query; a waiting {@link #fetch} returns the end. Returns once the query's pipeline
     * has stopped and released its memory (when called from another thread than the query's own).
     */
    void cancel();

    /** Warnings collected so far (e.g. records skipped by a scan). */
    List<String> warnings();
}
