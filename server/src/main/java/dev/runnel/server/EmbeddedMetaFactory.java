package dev.runnel.server;

import dev.runnel.jdbc.RunnelUrl;
import dev.runnel.jdbc.spi.MetaFactory;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;

/**
 * Lets the JDBC driver run the engine in-process ({@code jdbc:runnel:mem:...},
 * {@code jdbc:runnel:file:...}): each connection gets a {@link RunnelMeta} over the engine the
 * {@link EngineRegistry} shares for its URL. Registered in {@code META-INF/services}. Thread-safe.
 */
public final class EmbeddedMetaFactory implements MetaFactory {
    private final EngineRegistry registry;

    /** The factory the driver finds through ServiceLoader: engines shared JVM-wide. */
    public EmbeddedMetaFactory() {
        this(EngineRegistry.jvm());
    }

    public EmbeddedMetaFactory(EngineRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Meta create(AvaticaConnection connection, String url, Properties info) {
        RunnelUrl parsed;
        try {
            parsed = RunnelUrl.parse(url);
        } catch (SQLException e) {
            throw EngineErrors.of(e.getSQLState(), e.getMessage());
        }
        EngineRegistry.Lease lease = registry.acquire(parsed);
        return new RunnelMeta(connection, lease.engine(), lease::close);
    }
}
