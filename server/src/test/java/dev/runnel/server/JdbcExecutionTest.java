package dev.runnel.server;

import static dev.runnel.server.ScriptedEngine.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.exec.engine.RowResult;
import dev.runnel.jdbc.RunnelConnection;
import dev.runnel.jdbc.RunnelResultSet;
import dev.runnel.jdbc.RunnelStatement;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Statements through JDBC: updates and their messages, errors, push queries, cancel, limits. */
class JdbcExecutionTest {
    private static final List<dev.runnel.planner.catalog.Column> AUCTION_PRICE = List.of(
            col("auction", DataType.of(TypeKind.BIGINT)), col("price", DataType.of(TypeKind.BIGINT)));

    @Test
    void ddlReportsNoCountButItsMessage() throws Exception {
        ScriptedEngine engine = new ScriptedEngine()
                .on("CREATE STREAM bids (auction BIGINT)", p -> ScriptedEngine.update(-1, "created stream bids"));
        try (Connection c = Scripted.connect(engine); Statement s = c.createStatement()) {
            assertThat(s.execute("CREATE STREAM bids (auction BIGINT);")).isFalse();
            assertThat(s.getUpdateCount()).isZero();
            assertThat(s.unwrap(RunnelStatement.class).getResultMessage()).isEqualTo("created stream bids");
            assertThat((Object) s.getWarnings()).isNull();
        }
    }

    @Test
    void updateWarningsBecomeSqlWarnings() throws Exception {
        ScriptedEngine engine = new ScriptedEngine().on("COPY bids FROM '/x.csv'",
                p -> ScriptedEngine.update(3, "3 rows loaded", "line 4: bad BIGINT 'x'", "line 9: 2 fields, expected 3"));
        try (Connection c = Scripted.connect(engine); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("COPY bids FROM '/x.csv'")).isEqualTo(3);
            assertThat(s.unwrap(RunnelStatement.class).getResultMessage()).isEqualTo("3 rows loaded");
            SQLWarning w = s.getWarnings();
            assertThat(w.getMessage()).isEqualTo("line 4: bad BIGINT 'x'");
            assertThat(w.getSQLState()).isEqualTo("01000");
            assertThat(w.getNextWarning().getMessage()).isEqualTo("line 9: 2 fields, expected 3");
            assertThat((Object) w.getNextWarning().getNextWarning()).isNull();
        }
    }

    @Test
    void progressReportsReachTheListener() throws Exception {
        ScriptedEngine engine = new ScriptedEngine().on("COPY bids FROM '/x.csv'", p -> ScriptedEngine.update(3, "ok"));
        List<String> progress = new CopyOnWriteArrayList<>();
        try (Connection c = Scripted.connect(engine); Statement s = c.createStatement()) {
            c.unwrap(RunnelConnection.class).setProgressListener(progress::add);
            assertThat(c.unwrap(RunnelConnection.class).isEmbedded()).isTrue();
            s.executeUpdate("COPY bids FROM '/x.csv'");
        }
        assertThat(progress).containsExactly("running COPY bids FROM '/x.csv'");
    }

    @Test
    void engineErrorsKeepTheirSqlStateAndPosition() throws Exception {
        ScriptedEngine engine = new ScriptedEngine().on("SELECT pricee FROM bids", p -> {
            throw new RunnelSqlException("42S22", "unknown column 'pricee' (did you mean 'price'?)", new SourcePos(1, 8));
        });
        try (Connection c = Scripted.connect(engine); Statement s = c.createStatement()) {
            SQLException e = catchThrowableOfType(SQLException.class, () -> s.executeQuery("SELECT pricee FROM bids"));
            assertThat((Object) e).isInstanceOf(SQLSyntaxErrorException.class);
            assertThat(e.getSQLState()).isEqualTo("42S22");
            assertThat(e.getMessage()).isEqualTo("line 1, column 8: unknown column 'pricee' (did you mean 'price'?)");

            SQLException e2 = catchThrowableOfType(SQLException.class, () -> s.execute("SELECT pricee FROM bids"));
            assertThat(e2.getMessage()).isEqualTo(e.getMessage());
            SQLException e3 = catchThrowableOfType(SQLException.class, () -> c.prepareStatement("SELECT nothing"));
            assertThat(e3.getSQLState()).isEqualTo("42000");
            assertThat(e3.getMessage()).isEqualTo("cannot prepare: SELECT nothing");

            // the connection is still usable after errors
            assertThat(c.isValid(1) || !c.isClosed()).isTrue();
        }
    }

    @Test
    void aQueryThatFailsWhileRunningThrowsFromNext() throws Exception {
        ScriptedEngine engine = new ScriptedEngine().on("SELECT * FROM bids", p -> new FailingRows());
        try (Connection c = Scripted.connect(engine); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM bids")) {
            SQLException e = catchThrowableOfType(SQLException.class, rs::next);
            assertThat(e.getSQLState()).isEqualTo("22000");
            assertThat(e.getMessage()).isEqualTo("division by zero");
        }
    }

    @Test
    void pushQueryRowsArriveOneByOneAndCancelStopsIt() throws Exception {
        ScriptedEngine.QueueRows push = ScriptedEngine.push(AUCTION_PRICE);
        ScriptedEngine engine = new ScriptedEngine().on("SELECT STREAM * FROM bids", p -> push);
        try (Connection c = Scripted.connect(engine); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT STREAM * FROM bids"); // returns before any row exists
            assertThat(rs.unwrap(RunnelResultSet.class).isUnbounded()).isTrue();

            push.push(1L, 100L);
            assertThat(rs.next()).isTrue(); // the first row, without waiting for a second
            assertThat(rs.getLong("price")).isEqualTo(100L);
            push.push(2L, 200L);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(2L);

            CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return rs.next();
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(100);
            assertThat(blocked).isNotDone();
            s.cancel();
            Throwable failure = catchThrowableOfType(Exception.class, () -> blocked.get(10, TimeUnit.SECONDS));
            assertThat(failure).rootCause().isInstanceOf(SQLException.class);
            assertThat(((SQLException) rootCause(failure)).getSQLState()).isEqualTo("57014");
            assertThat(push.cancelled).isTrue();
        }
        assertThat(push.closed).isTrue();
    }

    @Test
    void maxRowsEndsTheResultAndStopsTheQuery() throws Exception {
        ScriptedEngine.QueueRows push = ScriptedEngine.push(AUCTION_PRICE);
        push.push(1L, 1L);
        push.push(2L, 2L);
        push.push(3L, 3L);
        ScriptedEngine engine = new ScriptedEngine().on("SELECT STREAM * FROM bids", p -> push);
        try (Connection c = Scripted.connect(engine); Statement s = c.createStatement()) {
            s.setMaxRows(2);
            ResultSet rs = s.executeQuery("SELECT STREAM * FROM bids");
            List<Long> seen = new ArrayList<>();
            while (rs.next()) {
                seen.add(rs.getLong(1));
            }
            assertThat(seen).containsExactly(1L, 2L);
            assertThat(push.cancelled).isTrue();
        }
    }

    @Test
    void closingTheResultSetStopsThePushQuery() throws Exception {
        ScriptedEngine.QueueRows push = ScriptedEngine.push(AUCTION_PRICE);
        ScriptedEngine engine = new ScriptedEngine().on("SELECT STREAM * FROM bids", p -> push);
        try (Connection c = Scripted.connect(engine); Statement s = c.createStatement()) {
            push.push(1L, 1L);
            ResultSet rs = s.executeQuery("SELECT STREAM * FROM bids");
            assertThat(rs.next()).isTrue();
            rs.close();
            assertThat(push.cancelled).isTrue();
        }
    }

    @Test
    void aStatementRunsAgainAfterACancel() throws Exception {
        List<RowResult> results = new CopyOnWriteArrayList<>();
        ScriptedEngine engine = new ScriptedEngine().on("SELECT * FROM t", p -> {
            RowResult r = ScriptedEngine.rows(AUCTION_PRICE, List.<Object[]>of(new Object[] {1L, 2L}));
            results.add(r);
            return r;
        });
        try (Connection c = Scripted.connect(engine); Statement s = c.createStatement()) {
            s.cancel();
            try (ResultSet rs = s.executeQuery("SELECT * FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void closingTheConnectionClosesSessionsAndReleasesTheEngine() throws Exception {
        ScriptedEngine engine = new ScriptedEngine().on("SET 'a' = 'b'", p -> ScriptedEngine.update(-1, "set a"));
        Connection c = Scripted.connect(engine);
        try (Statement s = c.createStatement()) {
            s.execute("SET 'a' = 'b'");
        }
        assertThat(engine.openSessions.get()).isEqualTo(1);
        c.close();
        assertThat(engine.openSessions.get()).isZero();
        assertThat(engine.closed).isTrue(); // a private mem: engine ends with its connection
        SQLException e = catchThrowableOfType(SQLException.class, c::createStatement);
        assertThat(e.getMessage()).contains("closed");
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A query that fails after it started. */
    private static final class FailingRows implements RowResult {
        @Override
        public List<dev.runnel.planner.catalog.Column> columns() {
            return AUCTION_PRICE;
        }

        @Override
        public boolean unbounded() {
            return true;
        }

        @Override
        public List<Object[]> fetch(int maxRows) {
            throw new RunnelSqlException("22000", "division by zero", SourcePos.UNKNOWN);
        }

        @Override
        public void cancel() {}

        @Override
        public List<String> warnings() {
            return List.of();
        }

        @Override
        public void close() {}
    }
}
