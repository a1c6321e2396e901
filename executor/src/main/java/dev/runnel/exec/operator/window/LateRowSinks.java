package dev.runnel.exec.operator.window;

import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Where a windowed operator sends late rows under {@code late = 'route'}: the engine writes them,
 * unchanged, to the target stream (see {@code LogLateRowSinks}). Implementations are thread-safe;
 * each opened sink is used by one operator's thread.
 */
public interface LateRowSinks {
    /** Refuses every route: for plan builders that have no log to write to. */
    LateRowSinks NONE = (target, rows, context) -> {
        throw new RunnelSqlException("0A000", "late = 'route' needs an engine to write late rows to '" + target
                + "'", SourcePos.UNKNOWN);
    };

    /**
     * A sink for rows of schema {@code rows} going to stream {@code target}; called when the operator
     * opens. Fails (with a SQLSTATE) if the target cannot take such rows.
     */
    LateRowSink open(String target, RowSchema rows, OperatorContext context);

    /** An open route. Call order: any number of {@link #write}, then {@link #close}. */
    interface LateRowSink extends AutoCloseable {
        /** Writes rows {@code rows[0..count)} of {@code batch}, which belongs to the caller. */
        void write(VectorSchemaRoot batch, int[] rows, int count);

        @Override
        void close();
    }
}
