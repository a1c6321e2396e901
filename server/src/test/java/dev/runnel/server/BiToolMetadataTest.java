package dev.runnel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a BI tool does on connect and while building a query, against the real engine, embedded and
 * through the server: the metadata calls it replays (catalogs, schemas, tables of each type,
 * columns, type info, keywords, keys, functions) agree with each other and with the catalog as
 * information_schema shows it to SQL; JDBC escapes, fetch size and query timeouts work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BiToolMetadataTest {
    @TempDir
    static Path dir;

    private Engine serverEngine;
    private RunnelServer server;

    @BeforeAll
    void start() throws Exception {
        serverEngine = Engines.open(EngineConfig.file(dir.resolve("remote")));
        server = RunnelServer.start(serverEngine, "127.0.0.1", 0);
        for (String kind : List.of("embedded", "remote")) {
            try (Connection c = connect(kind); Statement s = c.createStatement()) {
                s.execute(EmbeddedEngineJdbcTest.CREATE_BIDS);
                s.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR) "
                        + "WITH (topic = 'users', format = 'json')");
                s.executeUpdate("INSERT INTO bids VALUES (1, 7, 100, 'web', ' x ', TIMESTAMP '2026-01-01 00:00:01', ''),"
                        + " (2, 8, -250, 'App', 'y', TIMESTAMP '2026-01-02 10:30:00', NULL),"
                        + " (3, 9, 300, 'web', 'z', TIMESTAMP '2026-03-05 23:59:59', 'e')");
            }
        }
    }

    @AfterAll
    void stop() {
        server.close();
        serverEngine.close();
    }

    private Connection connect(String kind) throws SQLException {
        return DriverManager.getConnection(kind.equals("embedded") ? "jdbc:runnel:file:" + dir.resolve("embedded")
                : "jdbc:runnel://127.0.0.1:" + server.port());
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(name));
            }
        }
        return out;
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "remote"})
    void theMetadataCallsOfAToolConnecting(String kind) throws Exception {
        try (Connection c = connect(kind)) {
            DatabaseMetaData md = c.getMetaData();
            assertThat(md.getDatabaseProductName()).isEqualTo("Runnel");
            assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
            assertThat(md.getSQLKeywords()).contains("STREAM", "WATERMARK", "TUMBLE").doesNotContain("SELECT");
            assertThat(md.getNumericFunctions()).contains("ABS", "MOD");
            assertThat(md.getStringFunctions()).contains("UCASE", "CONCAT");
            assertThat(md.getTimeDateFunctions()).contains("NOW", "YEAR");
            assertThat(md.supportsTransactions()).isFalse();
            assertThat(md.isReadOnly()).isFalse();
            assertThat(md.supportsBatchUpdates()).isTrue();
            assertThat(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY)).isTrue();
            assertThat(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE)).isFalse();
            assertThat(md.storesMixedCaseIdentifiers()).isTrue();
            assertThat(md.storesUpperCaseIdentifiers()).isFalse();
            assertThat(md.getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_NONE);

            assertThat(column(md.getCatalogs(), "TABLE_CAT")).containsExactly("runnel");
            assertThat(column(md.getSchemas(), "TABLE_SCHEM")).containsExactly("information_schema", "runnel");
            assertThat(column(md.getTableTypes(), "TABLE_TYPE"))
                    .containsExactlyInAnyOrder("STREAM", "TABLE", "MATERIALIZED VIEW", "SYSTEM TABLE");

            // getTables, overall and per type, against information_schema.tables
            List<String> all = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, null, "%", null)) {
                while (rs.next()) {
                    all.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
                }
            }
            List<String> sql = rows(c, "SELECT table_schema || '.' || table_name || ':' || table_type "
                    + "FROM information_schema.tables");
            assertThat(new TreeSet<>(all)).isEqualTo(new TreeSet<>(sql));
            assertThat(all).contains("runnel.bids:STREAM", "runnel.users:TABLE", "information_schema.columns:SYSTEM TABLE");
            List<String> byType = new ArrayList<>();
            for (String type : column(md.getTableTypes(), "TABLE_TYPE")) {
                try (ResultSet rs = md.getTables(null, null, "%", new String[] {type})) {
                    while (rs.next()) {
                        assertThat(rs.getString("TABLE_TYPE")).isEqualTo(type);
                        byType.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + ":" + type);
                    }
                }
            }
            assertThat(new TreeSet<>(byType)).isEqualTo(new TreeSet<>(all));
            assertThat(column(md.getTables("runnel", "runnel", "BIDS", null), "TABLE_NAME")).containsExactly("bids");

            // getColumns against information_schema.columns, relation by relation
            for (String table : List.of("bids", "users")) {
                Map<String, String> jdbc = new LinkedHashMap<>();
                try (ResultSet rs = md.getColumns(null, "runnel", table, "%")) {
                    while (rs.next()) {
                        jdbc.put(rs.getString("COLUMN_NAME"), rs.getInt("ORDINAL_POSITION") + " " + rs.getString("TYPE_NAME")
                                + " " + rs.getString("IS_NULLABLE"));
                    }
                }
                Map<String, String> fromSql = new LinkedHashMap<>();
                for (String row : rows(c, "SELECT column_name, ordinal_position, data_type, is_nullable "
                        + "FROM information_schema.columns WHERE table_schema = 'runnel' AND table_name = '" + table
                        + "' ORDER BY ordinal_position")) {
                    String[] p = row.split("\\|");
                    fromSql.put(p[0], p[1] + " " + p[2] + " " + p[3]);
                }
                assertThat(jdbc).isEqualTo(fromSql);
                // and a query sees the same columns in the same order
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
                    ResultSetMetaData rsmd = rs.getMetaData();
                    List<String> names = new ArrayList<>();
                    for (int i = 1; i <= rsmd.getColumnCount(); i++) {
                        names.add(rsmd.getColumnName(i));
                    }
                    assertThat(new ArrayList<>(jdbc.keySet())).startsWith(names.toArray(String[]::new));
                }
            }
            assertThat(column(md.getColumns(null, "information_schema", "tables", null), "COLUMN_NAME"))
                    .startsWith("table_catalog", "table_schema", "table_name", "table_type");

            List<String> types = column(md.getTypeInfo(), "TYPE_NAME");
            assertThat(types).contains("BOOLEAN", "INT", "BIGINT", "DOUBLE", "DECIMAL", "VARCHAR", "TIMESTAMP", "DATE");

            assertThat(column(md.getPrimaryKeys(null, null, "users"), "COLUMN_NAME")).containsExactly("id");
            assertThat(column(md.getPrimaryKeys(null, null, "bids"), "COLUMN_NAME")).isEmpty();
            assertThat(rows(c, "SELECT table_name, column_name FROM information_schema.key_column_usage"))
                    .containsExactly("users|id");

            List<String> functions = column(md.getFunctions(null, null, "%"), "FUNCTION_NAME");
            assertThat(functions).contains("UPPER", "COUNT", "TUMBLE", "REGEXP_EXTRACT");
            assertThat(column(md.getFunctions(null, null, "up%"), "FUNCTION_NAME")).containsExactly("UPPER");

            // the rest a tool asks for: empty answers, not errors
            for (ResultSet rs : List.of(md.getProcedures(null, null, "%"), md.getImportedKeys(null, null, "users"),
                    md.getExportedKeys(null, null, "users"), md.getIndexInfo(null, null, "users", false, true),
                    md.getUDTs(null, null, "%", null), md.getSuperTables(null, null, "%"),
                    md.getClientInfoProperties())) {
                assertThat(column(rs, rs.getMetaData().getColumnName(1))).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "remote"})
    void informationSchemaAndQualifiedNames(String kind) throws Exception {
        try (Connection c = connect(kind)) {
            assertThat(rows(c, "SELECT table_name, table_type, topic, partitions, format FROM information_schema.tables "
                    + "WHERE table_schema = 'runnel' ORDER BY table_name"))
                    .containsExactly("bids|STREAM|bids|4|json", "users|TABLE|users|1|json");
            assertThat(rows(c, "SELECT * FROM INFORMATION_SCHEMA.SCHEMATA ORDER BY schema_name"))
                    .containsExactly("runnel|information_schema", "runnel|runnel");
            assertThat(rows(c, "SELECT column_name, data_type, is_primary_key, is_metadata FROM information_schema.columns "
                    + "WHERE table_name = 'users' AND ordinal_position <= 4 ORDER BY ordinal_position"))
                    .containsExactly("id|BIGINT|YES|NO", "name|VARCHAR|NO|NO", "city|VARCHAR|NO|NO", "_partition|INT|NO|YES");
            assertThat(rows(c, "SELECT COUNT(*) FROM information_schema.columns c JOIN information_schema.tables t "
                    + "ON c.table_name = t.table_name AND c.table_schema = t.table_schema WHERE t.table_type = 'STREAM'"))
                    .containsExactly("12");
            assertThat(rows(c, "SELECT COUNT(*) FROM runnel.bids")).containsExactly("3");
            assertThat(rows(c, "SELECT COUNT(*) FROM runnel.runnel.bids")).containsExactly("3");
            assertThat(rows(c, "SELECT COUNT(*) FROM \"runnel\".\"bids\"")).containsExactly("3");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "remote"})
    void jdbcEscapesFetchSizeAndTimeouts(String kind) throws Exception {
        try (Connection c = connect(kind)) {
            assertThat(rows(c, "SELECT {fn UCASE(channel)}, {fn LCASE(channel)}, {fn LENGTH(url)}, {fn CONCAT(channel, 'x')}, "
                    + "{fn LTRIM(url)}, {fn RTRIM(url)}, {fn LOCATE('p', channel)}, {fn SUBSTRING(channel, 1, 2)} "
                    + "FROM bids WHERE date_time >= {ts '2026-01-02 00:00:00'} AND date_time < {ts '2026-01-03 00:00:00'}"))
                    .containsExactly("APP|app|1|Appx|y|y|2|Ap");
            assertThat(rows(c, "SELECT {fn ABS(price)}, {fn MOD(price, 7)}, {fn CEILING(1.5)}, {fn FLOOR(1.5)}, "
                    + "{fn ROUND(2.567, 1)}, {fn POWER(2, 3)}, {fn SQRT(16)}, {fn EXP(0)}, {fn LOG(1)}, {fn LOG10(100)} "
                    + "FROM bids WHERE auction = 2")).containsExactly("250|-5|2|1|2.6|8.0|4.0|1.0|0.0|2.0"); // ROUND keeps 1 digit, as in Flink
            assertThat(rows(c, "SELECT {fn YEAR(date_time)}, {fn MONTH(date_time)}, {fn DAYOFMONTH(date_time)}, "
                    + "{fn HOUR(date_time)}, {fn MINUTE(date_time)}, {fn SECOND(date_time)}, {fn QUARTER(date_time)} "
                    + "FROM bids WHERE auction = 3")).containsExactly("2026|3|5|23|59|59|1");
            assertThat(rows(c, "SELECT {fn IFNULL(extra, 'none')} FROM bids WHERE auction = 2")).containsExactly("none");
            assertThat(rows(c, "SELECT COUNT(*) FROM bids WHERE {fn NOW()} > {ts '2020-01-01 00:00:00'} "
                    + "AND CAST(date_time AS DATE) >= {d '2026-01-02'}")).containsExactly("2");
            assertThat(rows(c, "SELECT '{fn UCASE(x)}' FROM bids WHERE auction = 1")).containsExactly("{fn UCASE(x)}");
            assertThat(c.nativeSQL("SELECT {fn UCASE(a)} FROM t")).isEqualTo("SELECT UPPER(a) FROM t");

            try (Statement s = c.createStatement()) {
                s.setFetchSize(1);
                assertThat(s.getFetchSize()).isEqualTo(1);
                try (ResultSet rs = s.executeQuery("SELECT auction FROM bids ORDER BY auction")) {
                    List<Long> got = new ArrayList<>();
                    while (rs.next()) {
                        got.add(rs.getLong(1));
                    }
                    assertThat(got).containsExactly(1L, 2L, 3L);
                }
            }

            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(1);
                long start = System.nanoTime();
                SQLException e = catchThrowableOfType(SQLException.class, () -> {
                    try (ResultSet rs = s.executeQuery("SELECT STREAM auction FROM bids WHERE auction > 100")) {
                        while (rs.next()) {
                            // no row ever comes
                        }
                    }
                });
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                assertThat((Object) e).isInstanceOf(SQLTimeoutException.class);
                assertThat(e.getSQLState()).isEqualTo("57014");
                assertThat(e.getMessage()).isEqualTo("query timed out after 1 second");
                assertThat(seconds).isLessThan(15);
                // the statement runs the next query normally
                s.setQueryTimeout(0);
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bids")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(3L);
                }
            }
        }
    }
}
