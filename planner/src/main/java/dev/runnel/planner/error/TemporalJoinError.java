package dev.runnel.planner.error;

import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;

/**
 * An error about a temporal join ({@code FOR SYSTEM_TIME AS OF}): plan translation knows the
 * table but not where the join is written, so the query planners move the error to the first
 * {@code FOR SYSTEM_TIME AS OF} on that table in the query's text ({@link OverPositions}).
 * Immutable.
 */
public final class TemporalJoinError extends RunnelSqlException {
    private final String table;

    public TemporalJoinError(String sqlState, String table, String detail) {
        super(sqlState, detail, SourcePos.UNKNOWN);
        this.table = table;
    }

    /** The name of the relation read FOR SYSTEM_TIME AS OF (null if unknown). */
    public String table() {
        return table;
    }
}
