package dev.runnel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.jdbc.RunnelConnection;
import dev.runnel.jdbc.RunnelResultSet;
import dev.runnel.jdbc.RunnelStatement;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real engine through {@link DriverManager}: what an application sees with {@code jdbc:runnel:file:DIR}. */
class EmbeddedEngineJdbcTest {
    static final String CREATE_BIDS = """
            CREATE STREAM bids (
              auction  BIGINT,
              bidder   BIGINT,
              price    BIGINT,
              channel  VARCHAR,
              url      VARCHAR,
              date_time TIMESTAMP(3),
              extra    VARCHAR,
              WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND
            ) WITH (topic = 'bids', partitions = 4, format = 'json', key = 'auction')""";

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:runnel:file:" + dir;
    }

    @Test
    void statementsPreparedStatementsAndTypedGetters() throws Exception {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute(CREATE_BIDS);
            assertThat(s.unwrap(RunnelStatement.class).getResultMessage()).isNotBlank();
            assertThat(s.executeUpdate(
                    "INSERT INTO bids VALUES (1, 7, 100, 'web', 'http://x', TIMESTAMP '2026-01-01 00:00:01', '')"))
                    .isEqualTo(1);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bids VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, 2);
                ps.setLong(2, 8);
                ps.setLong(3, 250);
                ps.setString(4, "app");
                ps.setString(5, "http://y");
                ps.setTimestamp(6, Timestamp.valueOf("2026-01-01 00:00:02.5"));
                ps.setNull(7, Types.VARCHAR);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT auction, price, channel, date_time FROM bids WHERE price > ? ORDER BY auction")) {
                ps.setLong(1, 50);
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
                    assertThat(md.getColumnType(4)).isEqualTo(Types.TIMESTAMP);
                    List<String> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(rs.getLong("auction") + "|" + rs.getBigDecimal("price") + "|" + rs.getString(3) + "|"
                                + rs.getTimestamp("date_time").toLocalDateTime());
                    }
                    assertThat(rows).containsExactly("1|100|web|2026-01-01T00:00:01",
                            "2|250|app|2026-01-01T00:00:02.500");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT date_time FROM bids WHERE auction = 2")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1)).isEqualTo(Timestamp.valueOf(LocalDateTime.of(2026, 1, 1, 0, 0, 2, 500_000_000)));
                assertThat(rs.getLong(1)).isEqualTo(1_767_225_602_500L);
            }
        }
    }

    @Test
    void errorsCarrySqlStateAndPosition() throws Exception {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute(CREATE_BIDS);
            SQLException e = catchThrowableOfType(SQLException.class, () -> s.executeQuery("SELECT pricee FROM bids"));
            assertThat(e.getSQLState()).isEqualTo("42S22");
            assertThat(e.getMessage()).isEqualTo("line 1, column 8: unknown column 'pricee' (did you mean 'price'?)");
            SQLException missing = catchThrowableOfType(SQLException.class, () -> s.executeQuery("SELECT * FROM nope"));
            assertThat(missing.getSQLState()).isEqualTo("42S02");
            assertThat(missing.getMessage()).startsWith("line 1, column 15: ");
        }
    }

    @Test
    void databaseMetaDataShowsStreamsAndTables() throws Exception {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute(CREATE_BIDS);
            s.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR) "
                    + "WITH (topic = 'users', format = 'json')");
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, null, "%", null)) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
                }
            }
            assertThat(tables).containsExactly("bids:STREAM", "users:TABLE");
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns(null, null, "users", null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME"));
                }
            }
            assertThat(columns).containsExactly("id", "name", "city", "_partition", "_offset", "_timestamp",
                    "_append_time", "_watermark");
            try (ResultSet rs = md.getPrimaryKeys(null, null, "users")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
            }
            assertThat(md.getDatabaseProductName()).isEqualTo("Runnel");
        }
    }

    @Test
    void connectionsToOneDirectoryShareTheEngineAndDataSurvivesReopening() throws Exception {
        try (Connection a = DriverManager.getConnection(url()); Connection b = DriverManager.getConnection(url())) {
            try (Statement s = a.createStatement()) {
                s.execute(CREATE_BIDS);
                s.executeUpdate("INSERT INTO bids VALUES (1, 7, 100, 'web', 'http://x', TIMESTAMP '2026-01-01 00:00:01', '')");
            }
            try (Statement s = b.createStatement(); ResultSet rs = s.executeQuery("SELECT price FROM bids")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(1)).isEqualTo(new BigDecimal(100));
            }
        }
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM bids")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
    }

    @Test
    void pushQueryRowsArriveAsInsertedAndCancelStopsIt() throws Exception {
        try (Connection c = DriverManager.getConnection(url()); Connection writer = DriverManager.getConnection(url());
                Statement w = writer.createStatement(); Statement push = c.createStatement()) {
            w.execute(CREATE_BIDS);
            w.executeUpdate("INSERT INTO bids VALUES (1, 7, 100, 'web', 'x', TIMESTAMP '2026-01-01 00:00:01', '')");
            ResultSet rs = push.executeQuery("SELECT STREAM auction, price FROM bids");
            assertThat(rs.unwrap(RunnelResultSet.class).isUnbounded()).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("auction")).isEqualTo(1L);

            w.executeUpdate("INSERT INTO bids VALUES (2, 7, 200, 'web', 'x', TIMESTAMP '2026-01-01 00:00:02', '')");
            assertThat(rs.next()).isTrue(); // arrives while the query runs
            assertThat(rs.getLong("price")).isEqualTo(200L);

            CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(200);
                    push.cancel();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            SQLException e = catchThrowableOfType(SQLException.class, rs::next); // blocked until the cancel
            assertThat(e.getSQLState()).isEqualTo("57014");
            canceller.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void copyReportsItsMessageWarningsAndProgress(@TempDir Path files) throws Exception {
        Path csv = files.resolve("bids.csv");
        Files.writeString(csv, "auction,bidder,price,channel,url,date_time,extra\n"
                + "1,7,100,web,x,2026-01-01 00:00:01,\n"
                + "2,7,not-a-number,web,x,2026-01-01 00:00:02,\n");
        List<String> progress = new CopyOnWriteArrayList<>();
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            c.unwrap(RunnelConnection.class).setProgressListener(progress::add);
            s.execute(CREATE_BIDS);
            long loaded = s.executeLargeUpdate("COPY bids FROM '" + csv + "' WITH (format = 'csv', header = true)");
            assertThat(loaded).isEqualTo(1);
            assertThat(s.unwrap(RunnelStatement.class).getResultMessage()).isNotBlank();
            SQLWarning w = s.getWarnings();
            assertThat((Object) w).isNotNull();
            assertThat(w.getMessage()).contains("dead-letter");
        }
        assertThat(progress).isNotEmpty();
    }
}
