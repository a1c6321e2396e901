package dev.runnel.jdbc.impl;

import dev.runnel.jdbc.RunnelConnection;
import dev.runnel.jdbc.spi.EngineMeta;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.function.Consumer;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * A Runnel JDBC connection: Avatica's, with engine errors translated and Runnel's additions. Used
 * by one thread at a time, like any JDBC connection (statements may be cancelled from another).
 */
public final class RunnelConnectionImpl extends AvaticaConnection implements RunnelConnection {
    /** Connection property under which the driver passes the full URL to its Meta factory. */
    public static final String URL_PROPERTY = "runnel.url";

    RunnelConnectionImpl(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
        super(driver, factory, url, info);
    }

    /** The properties the connection was opened with; usable while the super constructor runs. */
    public static Properties propertiesOf(AvaticaConnection connection) {
        return ((RunnelConnectionImpl) connection).info;
    }

    Meta meta() {
        return meta;
    }

    /** The configured time zone's name, looked up once ({@code config()} parses the properties again each call). */
    private volatile Optional<String> timeZoneName;

    /**
     * As Avatica's, without parsing the connection's properties for every result set (each one asks
     * for its calendar's zone; that was 5% of an embedded point lookup).
     */
    @Override
    public TimeZone getTimeZone() {
        Optional<String> name = timeZoneName;
        if (name == null) {
            name = Optional.ofNullable(config().timeZone());
            timeZoneName = name;
        }
        return name.isEmpty() ? TimeZone.getDefault() : TimeZone.getTimeZone(name.get());
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) throws SQLException {
        try {
            return super.prepareStatement(JdbcEscapes.translate(sql), resultSetType, resultSetConcurrency, resultSetHoldability);
        } catch (SQLException e) {
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return JdbcEscapes.translate(sql);
    }

    @Override
    public void close() throws SQLException {
        try {
            super.close();
        } catch (SQLException e) {
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public void setProgressListener(Consumer<String> listener) throws SQLException {
        checkOpen();
        if (meta instanceof EngineMeta e) {
            e.setProgressListener(handle, listener);
        }
    }

    @Override
    public boolean isEmbedded() {
        return meta instanceof EngineMeta;
    }
}
