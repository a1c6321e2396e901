package dev.runnel.server;

import static dev.runnel.server.ScriptedEngine.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.exec.engine.PreparedInfo;
import dev.runnel.jdbc.RunnelConnection;
import dev.runnel.jdbc.RunnelStatement;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code jdbc:runnel://host:port} against an in-process {@link RunnelServer} on an ephemeral port:
 * the same values, errors and metadata as embedded connections, over protobuf and HTTP.
 */
class RemoteJdbcTest {
    private static final LocalDateTime TS = LocalDateTime.of(2026, 1, 1, 0, 0, 1, 123_000_000);

    private ScriptedEngine engine;
    private RunnelServer server;
    private final ScriptedEngine.QueueRows push = ScriptedEngine.push(List.of(
            col("auction", DataType.of(TypeKind.BIGINT)), col("price", DataType.of(TypeKind.BIGINT))));

    @BeforeEach
    void start() {
        var columns = List.of(col("auction", DataType.of(TypeKind.BIGINT)), col("price", DataType.decimal(10, 2)),
                col("at", DataType.of(TypeKind.TIMESTAMP)), col("day", DataType.of(TypeKind.DATE)),
                col("channel", DataType.varchar()), col("ok", DataType.of(TypeKind.BOOLEAN)));
        String byAuction = "SELECT * FROM bids WHERE auction = ?";
        engine = new ScriptedEngine()
                .on("SELECT * FROM bids", p -> ScriptedEngine.rows(columns, List.<Object[]>of(
                        new Object[] {1L, new BigDecimal("12.50"), TS.toInstant(ZoneOffset.UTC).toEpochMilli(),
                                (int) LocalDate.of(2026, 1, 2).toEpochDay(), "web", true},
                        new Object[] {2L, null, null, null, null, null})))
                .prepares(byAuction, new PreparedInfo(List.of(DataType.of(TypeKind.BIGINT)), columns, true))
                .on(byAuction, p -> ScriptedEngine.rows(columns, List.<Object[]>of(
                        new Object[] {p.get(0), BigDecimal.ONE, 0L, 0, "x", false})))
                .on("SELECT STREAM * FROM bids", p -> push)
                .on("CREATE STREAM s (x INT)", p -> ScriptedEngine.update(-1, "created stream s"))
                .on("COPY s FROM 'f.csv'", p -> ScriptedEngine.update(2, "COPY s: 2 rows loaded, 1 rejected",
                        "1 row rejected: see the dead letters in s.dlq"))
                .on("SELECT pricee FROM bids", p -> {
                    throw new RunnelSqlException("42S22", "unknown column 'pricee' (did you mean 'price'?)",
                            new SourcePos(1, 8));
                })
                .relation(new RelationDef("bids", RelationKind.STREAM, columns, List.of(), Optional.empty(),
                        new StorageSpec("bids", 2, Format.JSON, List.of(0), "bids.dlq"), Map.of(), "CREATE STREAM ..."));
        server = RunnelServer.start(engine, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:runnel://127.0.0.1:" + server.port());
    }

    @Test
    void valuesArriveWithTheirTypes() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM bids")) {
            assertThat(c.unwrap(RunnelConnection.class).isEmbedded()).isFalse();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("auction")).isEqualTo(1L);
            assertThat(rs.getBigDecimal("price")).isEqualTo(new BigDecimal("12.50"));
            assertThat(rs.getTimestamp("at")).isEqualTo(Timestamp.valueOf(TS));
            assertThat(rs.getString("at")).isEqualTo("2026-01-01 00:00:01.123");
            assertThat(rs.getDate("day").toLocalDate()).isEqualTo(LocalDate.of(2026, 1, 2));
            assertThat(rs.getString("channel")).isEqualTo("web");
            assertThat(rs.getBoolean("ok")).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal("price")).isNull();
            assertThat(rs.getTimestamp("at")).isNull();
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void messagesAndWarningsReachARemoteClientAsTheyReachAnEmbeddedOne() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(s.execute("CREATE STREAM s (x INT)")).isFalse();
            RunnelStatement rs = s.unwrap(RunnelStatement.class);
            assertThat(rs.getResultMessage()).isEqualTo("created stream s");
            assertThat((Object) s.getWarnings()).isNull();
            s.execute("COPY s FROM 'f.csv'");
            assertThat(rs.getResultMessage()).isEqualTo("COPY s: 2 rows loaded, 1 rejected");
            java.sql.SQLWarning w = s.getWarnings();
            assertThat((Object) w).isNotNull();
            assertThat(w.getMessage()).isEqualTo("1 row rejected: see the dead letters in s.dlq");
            assertThat((Object) w.getNextWarning()).isNull();
            // a statement's notes are its own, and each execution replaces them
            try (Statement other = c.createStatement()) {
                assertThat(other.unwrap(RunnelStatement.class).getResultMessage()).isNull();
            }
            s.execute("CREATE STREAM s (x INT)");
            assertThat(rs.getResultMessage()).isEqualTo("created stream s");
            assertThat((Object) s.getWarnings()).isNull();
        }
    }

    @Test
    void aPreparedStatementRunsAgainAfterACancel() throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT * FROM bids WHERE auction = ?")) {
            ps.setInt(1, 7);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
            ps.cancel(); // remotely this closes the statement on the server, which keeps what it prepared
            ps.setInt(1, 8);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(8L);
            }
        }
    }

    @Test
    void parametersTravelToTheEngine() throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT * FROM bids WHERE auction = ?")) {
            ps.setInt(1, 42);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(42L);
            }
        }
        assertThat(engine.parametersSeen).contains(List.of(42L));
    }

    @Test
    void aPushQuerysRowIsReadableAsSoonAsTheServerHasIt() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT STREAM * FROM bids"); // returns before any row exists
            push.push(1L, 100L);
            assertThat(rs.next()).isTrue(); // without a second row behind it
            assertThat(rs.getLong("price")).isEqualTo(100L);
            push.push(2L, 200L);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("auction")).isEqualTo(2L);
            s.cancel();
            SQLException e = catchThrowableOfType(SQLException.class, rs::next);
            assertThat(e.getSQLState()).isEqualTo("57014");
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!push.closed && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(push.closed).isTrue(); // the server stopped the query
    }

    @Test
    void errorsKeepSqlStateAndMessage() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> s.executeQuery("SELECT pricee FROM bids"));
            assertThat(e.getSQLState()).isEqualTo("42S22");
            assertThat(e.getMessage()).isEqualTo("line 1, column 8: unknown column 'pricee' (did you mean 'price'?)");
            assertThat(s.executeUpdate("CREATE STREAM s (x INT)")).isZero();
        }
    }

    @Test
    void metadataAndSessionsPerConnection() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            try (ResultSet rs = a.getMetaData().getTables(null, null, "%", null)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("TABLE_NAME")).isEqualTo("bids");
                assertThat(rs.getString("TABLE_TYPE")).isEqualTo("STREAM");
            }
            assertThat(b.getMetaData().getDatabaseProductName()).isEqualTo("Runnel");
            assertThat(engine.openSessions.get()).isEqualTo(2);
        }
        assertThat(engine.openSessions.get()).isZero();
        assertThat(engine.closed).isFalse(); // the server's engine outlives its clients
    }
}
