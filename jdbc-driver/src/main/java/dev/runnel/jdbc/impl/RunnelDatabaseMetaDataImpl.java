package dev.runnel.jdbc.impl;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * Database metadata: Avatica's, with product name and version taken from the engine when it
 * reports them (the driver's own version otherwise).
 */
final class RunnelDatabaseMetaDataImpl extends AvaticaDatabaseMetaData {
    private final RunnelConnectionImpl connection;

    RunnelDatabaseMetaDataImpl(AvaticaConnection connection) {
        super(connection);
        this.connection = (RunnelConnectionImpl) connection;
    }

    @Override
    public String getDatabaseProductName() throws SQLException {
        String name = engineProperty(Meta.DatabaseProperty.GET_DATABASE_PRODUCT_NAME);
        return name == null ? super.getDatabaseProductName() : name;
    }

    @Override
    public String getDatabaseProductVersion() throws SQLException {
        String version = engineProperty(Meta.DatabaseProperty.GET_DATABASE_PRODUCT_VERSION);
        return version == null ? super.getDatabaseProductVersion() : version;
    }

    @Override
    public boolean supportsTransactions() {
        return false;
    }

    @Override
    public String getSchemaTerm() {
        return "schema";
    }

    @Override
    public String getCatalogTerm() {
        return "catalog";
    }

    private String engineProperty(Meta.DatabaseProperty property) {
        Object v = connection.meta().getDatabaseProperties(connection.handle).get(property);
        return v instanceof String s && !s.isEmpty() ? s : null;
    }
}
