package dev.runnel.planner.ddl;

import dev.runnel.planner.error.DidYouMean;
import dev.runnel.planner.error.SqlState;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.util.Collection;

/** The errors for WITH options and settings, worded the same way everywhere. Stateless. */
final class OptionErrors {
    private OptionErrors() {}

    static RunnelSqlException unknownKey(String what, String key, Collection<String> known, String more,
            SourcePos pos) {
        return new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "unknown " + what + " '" + key + "'"
                + DidYouMean.suffix(key, known) + "; known " + what + "s: " + String.join(", ", known) + more, pos);
    }

    static RunnelSqlException badValue(String key, String value, String expected, SourcePos pos) {
        return new RunnelSqlException(SqlState.SYNTAX_OR_RULE,
                "invalid value '" + value + "' for " + key + ": expected " + expected, pos);
    }
}
