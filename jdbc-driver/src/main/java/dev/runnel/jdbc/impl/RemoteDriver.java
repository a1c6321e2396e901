package dev.runnel.jdbc.impl;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.remote.Driver;

/**
 * Avatica's remote client (protobuf over HTTP) building Runnel's JDBC objects, so remote
 * connections report errors the way embedded ones do. Used by {@code RunnelDriver} for
 * {@code jdbc:runnel://host:port}; not registered with DriverManager. Thread-safe.
 */
public final class RemoteDriver extends Driver {
    private static final String INTERNAL_PREFIX = "jdbc:runnel:remote-client:";

    @Override
    protected AvaticaFactory createFactory() {
        return new RunnelJdbcFactory();
    }

    @Override
    protected String getConnectStringPrefix() {
        return INTERNAL_PREFIX;
    }

    @Override
    protected DriverVersion createDriverVersion() {
        return DriverVersion.load(RemoteDriver.class, "dev/runnel/jdbc/runnel-jdbc.properties",
                "Runnel JDBC Driver", "unknown version", "Runnel", "unknown version");
    }

    /**
     * Connects to the Runnel server at {@code hostPort}. JDBC's {@code user} and {@code password}
     * become HTTP BASIC credentials; {@code tls=true} speaks HTTPS (with Avatica's {@code truststore},
     * {@code truststore_password} and {@code hostname_verification} properties).
     */
    public Connection connectTo(String hostPort, Properties info) throws SQLException {
        Properties all = new Properties();
        all.putAll(info);
        boolean tls = Boolean.parseBoolean(info.getProperty("tls", info.getProperty("ssl", "false")));
        all.setProperty("url", (tls ? "https://" : "http://") + hostPort);
        all.setProperty("serialization", "protobuf");
        all.setProperty("httpclient_factory", RunnelHttpClientFactory.class.getName());
        String user = info.getProperty("user");
        if (user != null && !user.isEmpty() && info.getProperty("authentication") == null) {
            all.setProperty("authentication", "BASIC");
            all.setProperty("avatica_user", user);
            all.setProperty("avatica_password", info.getProperty("password", ""));
        }
        try {
            return connect(INTERNAL_PREFIX, all);
        } catch (SQLException | RuntimeException e) {
            SQLException translated = SqlErrors.translate(e);
            if (translated.getSQLState() != null && !"XX000".equals(translated.getSQLState())) {
                throw translated;
            }
            throw new SQLException("cannot reach the Runnel server at " + hostPort + ": " + rootMessage(e), "08001", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
