package dev.runnel.jdbc.impl;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * Turns what Avatica hands back into the SQLException a user should see: the engine's message
 * ({@code line 1, column 15: unknown column 'pricee' (did you mean 'price'?)}) and SQLSTATE,
 * without Avatica's "Error while executing SQL ..." wrapping. Stateless.
 */
public final class SqlErrors {
    /** SQLSTATE of a statement stopped by {@link java.sql.Statement#cancel()}. */
    public static final String CANCELLED = "57014";
    private static final String REMOTE_PREFIX = "Remote driver error: ";

    private SqlErrors() {}

    /** The user-facing form of {@code e}: the first engine error in its cause chain, else {@code e} itself. */
    public static SQLException translate(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof AvaticaRuntimeException r) {
                return create(r.getErrorMessage(), r.getSqlState(), e);
            }
            if (t instanceof AvaticaClientRuntimeException c) {
                return create(serverMessage(c.getMessage()), c.getSqlState(), e);
            }
            if (t instanceof AvaticaSqlException a) {
                return create(serverMessage(a.getErrorMessage()), a.getSQLState(), e);
            }
        }
        if (e instanceof SQLException s) {
            return s;
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return new SQLException(message, "XX000", e);
    }

    /**
     * The server's own message inside what Avatica's remote client made of it
     * ({@code Error while executing SQL "...": Remote driver error: <message>}).
     */
    private static String serverMessage(String message) {
        int at = message == null ? -1 : message.indexOf(REMOTE_PREFIX);
        return at < 0 ? message : message.substring(at + REMOTE_PREFIX.length());
    }

    /** An exception of the JDBC subclass that fits the SQLSTATE's class. */
    public static SQLException create(String message, String sqlState, Throwable cause) {
        String cls = sqlState == null || sqlState.length() < 2 ? "" : sqlState.substring(0, 2);
        return switch (cls) {
            case "42" -> new SQLSyntaxErrorException(message, sqlState, cause);
            case "22" -> new SQLDataException(message, sqlState, cause);
            case "23" -> new SQLIntegrityConstraintViolationException(message, sqlState, cause);
            case "0A" -> new SQLFeatureNotSupportedException(message, sqlState, cause);
            case "08" -> new SQLNonTransientConnectionException(message, sqlState, cause);
            default -> new SQLException(message, sqlState, cause);
        };
    }

    static SQLException cancelled() {
        return new SQLException("query cancelled", CANCELLED);
    }
}
