package dev.runnel.planner.error;

import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;

/**
 * Builds the "not supported yet" error (SQLSTATE 0A000) for SQL that validates but that Runnel
 * cannot run yet. Plan translation has no source positions, so these carry
 * {@link SourcePos#UNKNOWN} and the statement planner moves them to the statement's position.
 */
public final class Unsupported {
    private Unsupported() {}

    public static RunnelSqlException of(String what) {
        return new RunnelSqlException(SqlState.NOT_SUPPORTED, what + " is not supported yet", SourcePos.UNKNOWN);
    }

    /** For plural subjects: "{@code what} are not supported yet". */
    public static RunnelSqlException plural(String what) {
        return new RunnelSqlException(SqlState.NOT_SUPPORTED, what + " are not supported yet", SourcePos.UNKNOWN);
    }

    /** "{@code what} is not supported yet" about a call of {@code function} with OVER (see {@link UnsupportedOver}). */
    public static RunnelSqlException over(String function, String what) {
        return new UnsupportedOver(function, what + " is not supported yet");
    }

    /** The same error for the subquery shapes that remain correlated after decorrelation. */
    public static RunnelSqlException subquery() {
        return new RunnelSqlException(SqlState.NOT_SUPPORTED, "this subquery form is not supported yet",
                SourcePos.UNKNOWN);
    }
}
