package dev.runnel.planner.error;

import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;

/**
 * "Not supported yet" (0A000) about an {@code OVER} call: plan translation knows the function
 * ({@code ROW_NUMBER}, {@code RANK}, {@code SUM}, ...) but not where it is written, so the query
 * planners move the error to the first {@code OVER} call of that function in the query's text
 * ({@link OverPositions}). Immutable.
 */
public final class UnsupportedOver extends RunnelSqlException {
    private final String function;

    public UnsupportedOver(String function, String detail) {
        super(SqlState.NOT_SUPPORTED, detail, SourcePos.UNKNOWN);
        this.function = function;
    }

    /** The name of the function called with OVER. */
    public String function() {
        return function;
    }
}
