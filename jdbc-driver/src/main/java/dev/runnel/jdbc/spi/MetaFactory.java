package dev.runnel.jdbc.spi;

import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;

/**
 * How the driver reaches an in-process engine: an implementation on the classpath, registered in
 * {@code META-INF/services/dev.runnel.jdbc.spi.MetaFactory} (runnel-server provides one), creates
 * the {@link Meta} that serves one embedded connection. Implementations are thread-safe.
 */
public interface MetaFactory {

    /**
     * Opens (or joins) the engine {@code url} names and returns the Meta that serves
     * {@code connection}; closing the connection ({@link Meta#closeConnection}) releases the engine.
     * Called while the connection is being constructed: use the connection only for its handle and
     * its statements. Failures are thrown as runtime exceptions (the driver turns them into
     * {@link java.sql.SQLException}s, keeping an {@link org.apache.calcite.avatica.remote.AvaticaRuntimeException}'s
     * SQLSTATE).
     *
     * @param connection the connection being opened
     * @param url the full JDBC URL ({@code jdbc:runnel:mem:...} or {@code jdbc:runnel:file:...})
     * @param info connection properties, URL properties included
     */
    Meta create(AvaticaConnection connection, String url, Properties info);
}
