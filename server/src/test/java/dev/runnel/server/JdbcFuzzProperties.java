package dev.runnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Assertions;

/**
 * Random and mutated SQL through a real JDBC connection to the embedded engine: every statement
 * either works or fails with an {@link SQLException} carrying a SQLSTATE — nothing else escapes,
 * nothing hangs, and the catalog and data are unchanged by failures.
 */
class JdbcFuzzProperties {
    private static final List<String> CORPUS = List.of(
            "SELECT auction, price FROM bids WHERE price > 10 ORDER BY price",
            "SELECT channel, COUNT(*), SUM(price), AVG(price), COUNT(DISTINCT bidder) FROM bids GROUP BY channel",
            "SELECT UPPER(channel) || '-' || CAST(price AS VARCHAR) FROM bids WHERE channel LIKE 'w%'",
            "SELECT * FROM bids WHERE auction IN (SELECT id FROM users)",
            "INSERT INTO bids VALUES (9, 9, 99, 'web', TIMESTAMP '2026-01-01 00:00:09')",
            "CREATE STREAM s2 (a BIGINT, b VARCHAR) WITH (partitions = 2)",
            "DESCRIBE bids", "SHOW STREAMS", "EXPLAIN SELECT price * 2 FROM bids",
            "SELECT CASE WHEN price > 100 THEN 'high' ELSE 'low' END, COALESCE(channel, 'x') FROM bids LIMIT 3",
            "SELECT EXTRACT(HOUR FROM date_time), FLOOR(date_time TO MINUTE) FROM bids",
            "SET 'scan.start' = 'earliest'");

    private static Connection connection;

    @BeforeContainer
    static void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:runnel:mem:jdbc-fuzz");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, "
                    + "date_time TIMESTAMP(3))");
            s.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR)");
            s.execute("INSERT INTO bids VALUES (1, 2, 30, 'web', TIMESTAMP '2026-01-01 00:00:01'), "
                    + "(2, 3, 300, 'app', TIMESTAMP '2026-01-01 00:00:02')");
            s.execute("INSERT INTO users VALUES (1, 'ann')");
        }
    }

    @AfterContainer
    static void close() throws SQLException {
        connection.close();
    }

    @Property(tries = 300)
    void onlySqlExceptionsEscape(@ForAll("statements") String sql) throws SQLException {
        long before = bidCount();
        boolean failed = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Statement s = connection.createStatement()) {
                s.setMaxRows(50);
                if (s.execute(sql)) {
                    try (ResultSet rs = s.getResultSet()) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                }
                return false;
            } catch (SQLException e) {
                assertThat(e.getSQLState()).as("SQLSTATE of: " + e.getMessage()).isNotBlank().hasSize(5);
                return true;
            }
        });
        if (failed) {
            assertThat(bidCount()).as("a failed statement changes no data").isEqualTo(before);
        }
    }

    private static long bidCount() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bids")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Provide
    Arbitrary<String> statements() {
        Arbitrary<String> corpus = Arbitraries.of(CORPUS);
        Arbitrary<String> mutated = Combinators.combine(corpus, Arbitraries.integers().between(0, 200),
                Arbitraries.strings().withChars("(),;'\"*+-/<>=.| abcxyz0129").ofMaxLength(4),
                Arbitraries.integers().between(0, 3)).as((base, at, text, kind) -> {
                    int i = Math.min(at, base.length());
                    int j = Math.min(base.length(), i + text.length() + 1);
                    return switch (kind) {
                        case 0 -> base.substring(0, i) + text + base.substring(i);
                        case 1 -> base.substring(0, i) + base.substring(j);
                        case 2 -> base.substring(0, i) + text + base.substring(j);
                        default -> base.substring(0, i);
                    };
                });
        Arbitrary<String> random = Arbitraries.strings().ofMaxLength(60);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, mutated), net.jqwik.api.Tuple.of(2, corpus),
                net.jqwik.api.Tuple.of(1, random));
    }
}
