package dev.runnel.jdbc;

import dev.runnel.jdbc.impl.RemoteDriver;
import dev.runnel.jdbc.impl.RunnelConnectionImpl;
import dev.runnel.jdbc.impl.RunnelJdbcFactory;
import dev.runnel.jdbc.impl.SqlErrors;
import dev.runnel.jdbc.spi.MetaFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Properties;
import java.util.ServiceLoader;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * The JDBC driver for {@code jdbc:runnel:} URLs (see {@link RunnelUrl}). Registered with
 * {@link java.sql.DriverManager} when loaded. Remote URLs ({@code //host:port}) speak Avatica's
 * protobuf-over-HTTP protocol to {@code bin/runnel server}. Embedded URLs ({@code mem:}, {@code file:}) run the
 * engine in this JVM: the driver finds it through a {@link MetaFactory} on the classpath
 * (runnel-server and runnel-executor provide it), so applications that only talk to a server need
 * nothing but this jar and Avatica. Thread-safe.
 */
public class RunnelDriver extends UnregisteredDriver {
    static {
        new RunnelDriver().register();
    }

    private final MetaFactory suppliedFactory;
    private volatile MetaFactory discoveredFactory;

    /** A driver that finds the embedded engine through {@link ServiceLoader}. */
    public RunnelDriver() {
        this(null);
    }

    /**
     * A driver whose embedded connections come from {@code metaFactory} (for applications and tests
     * that provide their own engine); not registered with DriverManager.
     */
    public RunnelDriver(MetaFactory metaFactory) {
        this.suppliedFactory = metaFactory;
    }

    /** This driver's version, e.g. {@code 0.1.0}. */
    public static String version() {
        return new RunnelDriver().getDriverVersion().versionString;
    }

    @Override
    protected AvaticaFactory createFactory() {
        return new RunnelJdbcFactory();
    }

    @Override
    protected DriverVersion createDriverVersion() {
        return DriverVersion.load(RunnelDriver.class, "dev/runnel/jdbc/runnel-jdbc.properties",
                "Runnel JDBC Driver", "unknown version", "Runnel", "unknown version");
    }

    @Override
    protected String getConnectStringPrefix() {
        return RunnelUrl.PREFIX;
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        if (url == null) {
            throw new SQLException("url can not be null");
        }
        return RunnelUrl.accepts(url);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        RunnelUrl parsed = RunnelUrl.parse(url);
        if (parsed.kind() == RunnelUrl.Kind.REMOTE) {
            Properties remote = new Properties();
            if (info != null) {
                remote.putAll(info);
            }
            remote.putAll(parsed.properties());
            return new RemoteDriver().connectTo(parsed.location(), remote);
        }
        metaFactory(); // fail before building a connection when there is no engine
        Properties all = new Properties();
        if (info != null) {
            all.putAll(info);
        }
        all.putAll(parsed.properties());
        all.setProperty(RunnelConnectionImpl.URL_PROPERTY, url);
        try {
            AvaticaConnection connection = factory.newConnection(this, factory, url, all);
            handler.onConnectionInit(connection);
            return connection;
        } catch (RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public Meta createMeta(AvaticaConnection connection) {
        Properties info = RunnelConnectionImpl.propertiesOf(connection);
        try {
            return metaFactory().create(connection, info.getProperty(RunnelConnectionImpl.URL_PROPERTY), info);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private MetaFactory metaFactory() throws SQLException {
        if (suppliedFactory != null) {
            return suppliedFactory;
        }
        MetaFactory f = discoveredFactory;
        if (f == null) {
            f = discover(RunnelDriver.class.getClassLoader());
            if (f == null) {
                f = discover(Thread.currentThread().getContextClassLoader());
            }
            if (f == null) {
                throw new SQLException("embedded mode needs runnel-server and runnel-executor on the classpath "
                        + "(or use jdbc:runnel://host:port to reach a server)", "08001");
            }
            discoveredFactory = f;
        }
        return f;
    }

    private static MetaFactory discover(ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        Iterator<MetaFactory> it = ServiceLoader.load(MetaFactory.class, loader).iterator();
        return it.hasNext() ? it.next() : null;
    }
}
