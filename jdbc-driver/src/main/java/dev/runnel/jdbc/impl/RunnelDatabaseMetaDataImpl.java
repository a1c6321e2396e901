package dev.runnel.jdbc.impl;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * Database metadata as generic JDBC clients and BI tools read it: Avatica's, with product name and
 * version from the engine, and the answers that are true for Runnel (no transactions, identifiers
 * stored as written and looked up case-insensitively, the escape functions {@link JdbcEscapes}
 * translates, ...). Avatica's remote protocol has no calls for primary keys and functions, so
 * remote connections answer those with SQL over {@code information_schema}.
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
    public String getSQLKeywords() throws SQLException {
        String keywords = engineProperty(Meta.DatabaseProperty.GET_S_Q_L_KEYWORDS);
        return keywords == null ? super.getSQLKeywords() : keywords;
    }

    @Override
    public String getNumericFunctions() {
        return JdbcEscapes.NUMERIC_FUNCTIONS;
    }

    @Override
    public String getStringFunctions() {
        return JdbcEscapes.STRING_FUNCTIONS;
    }

    @Override
    public String getTimeDateFunctions() {
        return JdbcEscapes.TIME_DATE_FUNCTIONS;
    }

    @Override
    public String getSystemFunctions() {
        return JdbcEscapes.SYSTEM_FUNCTIONS;
    }

    @Override
    public String getIdentifierQuoteString() {
        return "\"";
    }

    @Override
    public String getSearchStringEscape() {
        return "\\";
    }

    @Override
    public String getExtraNameCharacters() {
        return "";
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

    @Override
    public String getProcedureTerm() {
        return "procedure";
    }

    // ---- what is true of Runnel where Avatica's defaults are not

    @Override
    public boolean isReadOnly() {
        return false; // INSERT, COPY and DDL write
    }

    @Override
    public boolean allProceduresAreCallable() {
        return false; // there are no procedures
    }

    @Override
    public boolean storesMixedCaseIdentifiers() {
        return true; // names are kept as written ...
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() {
        return false; // ... and looked up ignoring case
    }

    @Override
    public boolean storesUpperCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean nullsAreSortedHigh() {
        return false;
    }

    @Override
    public boolean nullsAreSortedLow() {
        return true; // NULL sorts as the smallest value, as in Flink: first ascending, last descending
    }

    @Override
    public boolean nullsAreSortedAtStart() {
        return false;
    }

    @Override
    public boolean nullsAreSortedAtEnd() {
        return false;
    }

    @Override
    public boolean supportsConvert() {
        return false; // CAST, not {fn CONVERT}
    }

    @Override
    public boolean supportsExtendedSQLGrammar() {
        return false;
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() {
        return false;
    }

    @Override
    public boolean supportsANSI92FullSQL() {
        return false;
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() {
        return false; // CREATE STREAM takes a plain name
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() {
        return false;
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() {
        return false;
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() {
        return false;
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() {
        return false;
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() {
        return false;
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        return holdability == java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getResultSetHoldability() {
        return java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getDefaultTransactionIsolation() {
        return Connection.TRANSACTION_NONE;
    }

    @Override
    public RowIdLifetime getRowIdLifetime() {
        return RowIdLifetime.ROWID_UNSUPPORTED;
    }

    // ---- remote connections: answered with SQL

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        if (connection.isEmbedded()) {
            return super.getPrimaryKeys(catalog, schema, table);
        }
        StringBuilder sql = new StringBuilder("SELECT table_catalog AS \"TABLE_CAT\", table_schema AS \"TABLE_SCHEM\", "
                + "table_name AS \"TABLE_NAME\", column_name AS \"COLUMN_NAME\", ordinal_position AS \"KEY_SEQ\", "
                + "constraint_name AS \"PK_NAME\" FROM information_schema.key_column_usage WHERE 1 = 1");
        java.util.List<String> args = new java.util.ArrayList<>();
        filter(sql, args, "table_catalog", catalog);
        filter(sql, args, "table_schema", schema);
        filter(sql, args, "table_name", table);
        sql.append(" ORDER BY column_name");
        return query(sql.toString(), args);
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) throws SQLException {
        if (connection.isEmbedded()) {
            return super.getFunctions(catalog, schemaPattern, functionNamePattern);
        }
        StringBuilder sql = new StringBuilder("SELECT routine_catalog AS \"FUNCTION_CAT\", routine_schema AS "
                + "\"FUNCTION_SCHEM\", routine_name AS \"FUNCTION_NAME\", remarks AS \"REMARKS\", CASE WHEN "
                + "routine_type = 'TABLE FUNCTION' THEN " + DatabaseMetaData.functionReturnsTable + " ELSE "
                + DatabaseMetaData.functionNoTable + " END AS \"FUNCTION_TYPE\", routine_name AS \"SPECIFIC_NAME\" "
                + "FROM information_schema.routines WHERE 1 = 1");
        java.util.List<String> args = new java.util.ArrayList<>();
        filter(sql, args, "routine_catalog", catalog);
        like(sql, args, "routine_schema", schemaPattern);
        like(sql, args, "routine_name", functionNamePattern);
        sql.append(" ORDER BY routine_name");
        return query(sql.toString(), args);
    }

    private static void filter(StringBuilder sql, java.util.List<String> args, String column, String value) {
        if (value != null) {
            sql.append(" AND LOWER(").append(column).append(") = LOWER(CAST(? AS VARCHAR))");
            args.add(value);
        }
    }

    private static void like(StringBuilder sql, java.util.List<String> args, String column, String pattern) {
        if (pattern != null && !pattern.equals("%")) {
            sql.append(" AND LOWER(").append(column).append(") LIKE LOWER(CAST(? AS VARCHAR))");
            args.add(pattern);
        }
    }

    private ResultSet query(String sql, java.util.List<String> args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) {
            ps.setString(i + 1, args.get(i));
        }
        ps.closeOnCompletion();
        return ps.executeQuery();
    }

    private String engineProperty(Meta.DatabaseProperty property) {
        Object v = connection.meta().getDatabaseProperties(connection.handle).get(property);
        return v instanceof String s && !s.isEmpty() ? s : null;
    }
}
