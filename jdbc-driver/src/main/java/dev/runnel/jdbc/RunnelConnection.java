package dev.runnel.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Runnel's additions to {@link Connection}; reach them with {@code connection.unwrap(RunnelConnection.class)}.
 * Same thread rules as the connection.
 */
public interface RunnelConnection extends Connection {

    /**
     * Receives progress reports of long statements (COPY: rows read, loaded, rejected) while they
     * run, on the executing thread; null to stop. Embedded connections only; elsewhere a no-op.
     */
    void setProgressListener(Consumer<String> listener) throws SQLException;

    /** Whether the engine runs in this JVM ({@code mem:} and {@code file:} URLs). */
    boolean isEmbedded();
}
