package dev.runnel.jdbc;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runnel's additions to {@link Statement} (and PreparedStatement); reach them with
 * {@code statement.unwrap(RunnelStatement.class)}. Warnings of the last execution (e.g. COPY's
 * rejected rows, records a scan skipped) come through {@link Statement#getWarnings()}. Same thread
 * rules as the statement: one thread uses it, and only {@link Statement#cancel()} may come from another.
 */
public interface RunnelStatement extends Statement {

    /**
     * What the last statement reported for people, e.g. {@code created stream bids} or
     * {@code 3 rows inserted}; null when it reported nothing (queries) or nothing ran.
     */
    String getResultMessage() throws SQLException;
}
