package dev.runnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prepared point lookups on materialized views through JDBC, embedded and remote: parameters of
 * every key type set with JDBC's setters, NULL and missing keys, IN lists, result metadata, reading
 * one's own writes, and a statement that runs again after a cancel.
 */
class JdbcViewLookupTest {
    @TempDir
    Path dir;

    private static final String STREAM = "CREATE STREAM t (k_bigint BIGINT, k_int INT, k_double DOUBLE,"
            + " k_dec DECIMAL(10, 2), k_str VARCHAR, k_bool BOOLEAN, k_date DATE, k_ts TIMESTAMP(3), v BIGINT)";
    private static final String[] KEYS = {"k_bigint", "k_int", "k_double", "k_dec", "k_str", "k_bool", "k_date",
        "k_ts"};

    interface Setter {
        void set(PreparedStatement ps) throws SQLException;
    }

    @Test
    void embeddedLookupsBindEveryTypeAndAnswerWithMetadata() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:runnel:file:" + dir)) {
            lookups(c, true);
        }
    }

    @Test
    void remoteLookupsBindEveryTypeAndAnswerWithMetadata() throws Exception {
        try (Engine engine = Engines.open(EngineConfig.memory());
                RunnelServer server = RunnelServer.start(engine, "127.0.0.1", 0);
                Connection c = DriverManager.getConnection("jdbc:runnel://127.0.0.1:" + server.port())) {
            lookups(c, false);
        }
    }

    /** @param embedded whether a cancel leaves the statement usable (a remote cancel closes it on the server) */
    private static void lookups(Connection c, boolean embedded) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(STREAM);
            s.execute("INSERT INTO t VALUES"
                    + " (1, 10, 1.5E0, 1.50, 'a', TRUE, DATE '2026-01-01', TIMESTAMP '2026-01-01 00:00:01.250', 100),"
                    + " (1, 10, 1.5E0, 1.50, 'a', TRUE, DATE '2026-01-01', TIMESTAMP '2026-01-01 00:00:01.250', 7),"
                    + " (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 9)");
            for (String k : KEYS) {
                s.execute("CREATE MATERIALIZED VIEW by_" + k + " AS SELECT " + k + ", COUNT(*) AS n, SUM(v) AS total"
                        + " FROM t GROUP BY " + k);
            }
        }
        List<Setter> hits = List.of(ps -> ps.setLong(1, 1), ps -> ps.setInt(1, 10), ps -> ps.setDouble(1, 1.5),
                ps -> ps.setBigDecimal(1, new BigDecimal("1.5")), ps -> ps.setString(1, "a"),
                ps -> ps.setBoolean(1, true), ps -> ps.setDate(1, Date.valueOf(LocalDate.of(2026, 1, 1))),
                ps -> ps.setTimestamp(1, Timestamp.valueOf("2026-01-01 00:00:01.25")));
        List<Setter> misses = List.of(ps -> ps.setLong(1, 2), ps -> ps.setInt(1, 11), ps -> ps.setDouble(1, 1.25),
                ps -> ps.setBigDecimal(1, new BigDecimal("1.51")), ps -> ps.setString(1, "b"),
                ps -> ps.setBoolean(1, false), ps -> ps.setDate(1, Date.valueOf(LocalDate.of(2026, 1, 2))),
                ps -> ps.setTimestamp(1, Timestamp.valueOf("2026-01-01 00:00:01.251")));
        int[] nullTypes = {Types.BIGINT, Types.INTEGER, Types.DOUBLE, Types.DECIMAL, Types.VARCHAR, Types.BOOLEAN,
            Types.DATE, Types.TIMESTAMP};
        for (int k = 0; k < KEYS.length; k++) {
            try (PreparedStatement ps = c.prepareStatement("SELECT n, total FROM by_" + KEYS[k] + " WHERE " + KEYS[k]
                    + " = ?")) {
                for (int round = 0; round < 3; round++) { // executed again and again, as an application does
                    hits.get(k).set(ps);
                    assertThat(rows(ps)).as(KEYS[k]).containsExactly("2|107");
                    misses.get(k).set(ps);
                    assertThat(rows(ps)).as(KEYS[k]).isEmpty();
                    ps.setNull(1, nullTypes[k]);
                    assertThat(rows(ps)).as(KEYS[k] + " = NULL").isEmpty();
                }
                hits.get(k).set(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    assertThat(md.getColumnCount()).isEqualTo(2);
                    assertThat(md.getColumnLabel(1)).isEqualToIgnoringCase("n");
                    assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
                    assertThat(md.getColumnLabel(2)).isEqualToIgnoringCase("total");
                }
            }
        }
        try (PreparedStatement in = c.prepareStatement("SELECT k_str, total FROM by_k_str WHERE k_str IN (?, ?)")) {
            in.setString(1, "zz");
            in.setString(2, "a");
            assertThat(rows(in)).containsExactly("a|107");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT total FROM by_k_bigint WHERE k_bigint = ?");
                Statement s = c.createStatement()) {
            for (long round = 1; round <= 5; round++) { // read-your-writes: each INSERT is seen by the next lookup
                s.executeUpdate("INSERT INTO t (k_bigint, v) VALUES (5, " + round + ")");
                ps.setLong(1, 5);
                assertThat(rows(ps)).containsExactly(String.valueOf(round * (round + 1) / 2));
            }
            if (embedded) {
                ps.cancel();
            }
            ps.setQueryTimeout(5);
            assertThat(rows(ps)).containsExactly("15");
        }
    }

    private static List<String> rows(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
