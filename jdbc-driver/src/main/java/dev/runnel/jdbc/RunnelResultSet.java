package dev.runnel.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runnel's additions to {@link ResultSet}; reach them with {@code resultSet.unwrap(RunnelResultSet.class)}.
 *
 * <p>A push query's ({@code SELECT STREAM}) result set never ends by itself: {@link #next()} blocks
 * until the next row arrives, and {@link java.sql.Statement#cancel()} from another thread stops it
 * (the blocked {@code next()} then throws SQLSTATE 57014).
 */
public interface RunnelResultSet extends ResultSet {

    /** Whether this is a push query's result, which ends only when cancelled or at its LIMIT. */
    boolean isUnbounded() throws SQLException;
}
