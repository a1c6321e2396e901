package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.exec.format.KeyEncoder;
import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import dev.runnel.sql.RunnelSqlException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regular joins in continuous queries: a push query over a stream-table and a table-table join,
 * its changelog applied while rows arrive, equals the pull query after every step; a materialized
 * view over a table-table join equals a recomputation through updates and deletes; joins whose
 * state would keep every row of a stream forever are refused where they must be. Deletes are
 * tombstones written to the table's log (as other log writers delete; SQL has no DELETE).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RegularJoinTest {
    Engine engine;
    Session s;
    Session writer;

    @BeforeEach
    void open() {
        engine = Engines.open(EngineConfig.memory());
        s = engine.openSession();
        writer = engine.openSession();
        writer.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR) WITH (partitions = 2)");
        writer.execute("CREATE TABLE cities (city VARCHAR PRIMARY KEY, country VARCHAR) WITH (partitions = 1)");
        writer.execute("CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT) WITH (partitions = 2)");
        writer.execute("CREATE STREAM asks (auction BIGINT, price BIGINT) WITH (partitions = 1)");
    }

    @AfterEach
    void close() {
        s.close();
        writer.close();
        engine.close();
    }

    /** Deletes a key the way other log writers do: a record with the key (its text) and no value. */
    void delete(String table, Object key, int partitions) {
        byte[] k = key.toString().getBytes(StandardCharsets.UTF_8);
        ((RunnelEngine) engine).log().append(new TopicPartition(table, KeyEncoder.partitionOf(k, partitions)),
                List.of(Record.of(k, null)));
    }

    void step(String step) {
        if (step.startsWith("DELETE FROM users WHERE id = ")) {
            delete("users", Long.parseLong(step.substring(step.lastIndexOf(' ') + 1)), 2);
        } else if (step.startsWith("DELETE FROM cities WHERE city = ")) {
            delete("cities", step.substring(step.indexOf('\'') + 1, step.lastIndexOf('\'')), 1);
        } else {
            writer.execute(step);
        }
    }

    static List<List<Object>> rows(Session s, String sql) {
        return TableChangelogTest.rows(s, sql);
    }

    /** Applies a push query's changelog (last column the change kind) as rows arrive. */
    static final class Applied {
        final RowResult result;
        final Map<List<Object>, Integer> counts = new HashMap<>();

        Applied(RowResult result) {
            this.result = result;
        }

        /** Fetches until the applied rows equal {@code expected} (as a multiset), or fails after 30 s. */
        void awaitEqual(List<List<Object>> expected) {
            Map<List<Object>, Integer> want = new HashMap<>();
            expected.forEach(r -> want.merge(r, 1, Integer::sum));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!counts.equals(want)) {
                assertThat(System.nanoTime()).as("push result %s, expected %s", counts, want).isLessThan(deadline);
                List<Object[]> chunk = result.fetch(1000, 100);
                if (chunk == null) {
                    continue;
                }
                for (Object[] row : chunk) {
                    List<Object> data = Arrays.asList(Arrays.copyOf(row, row.length - 1));
                    String op = (String) row[row.length - 1];
                    int c = counts.getOrDefault(data, 0) + (op.startsWith("-") ? -1 : 1);
                    assertThat(c).as("retraction of %s that was not emitted", data).isGreaterThanOrEqualTo(0);
                    if (c == 0) {
                        counts.remove(data);
                    } else {
                        counts.put(new ArrayList<>(data), c);
                    }
                }
            }
        }
    }

    @Test
    void aPushQueryOverAStreamTableJoinFollowsInsertsUpdatesAndDeletesOfTheTable() {
        String inner = "SELECT b.auction, b.price, u.name FROM bids b JOIN users u ON b.bidder = u.id";
        String left = "SELECT b.auction, u.name, u.city FROM bids b LEFT JOIN users u ON b.bidder = u.id AND"
                + " u.city <> 'Rome'";
        Applied pushInner = new Applied((RowResult) s.execute(inner.replace("SELECT", "SELECT STREAM")));
        Applied pushLeft = new Applied((RowResult) s.execute(left.replace("SELECT", "SELECT STREAM")));
        assertThat(pushInner.result.columns().get(3).name()).isEqualTo("op");
        List<String> steps = List.of(
                "INSERT INTO users VALUES (1, 'ann', 'Oslo'), (2, 'bo', 'Rome')",
                "INSERT INTO bids VALUES (10, 1, 100), (11, 2, 110), (12, 3, 120), (13, 1, 130)",
                "INSERT INTO users VALUES (3, 'cy', 'Lima'), (2, 'bo', 'Kyiv')",
                "INSERT INTO users VALUES (1, 'al', 'Rome')",
                "DELETE FROM users WHERE id = 3",
                "INSERT INTO bids VALUES (14, 3, 140), (15, 2, 150)",
                "DELETE FROM users WHERE id = 2",
                "INSERT INTO users VALUES (3, 'dee', 'Oslo')");
        for (String step : steps) {
            step(step);
            pushInner.awaitEqual(rows(s, inner));
            pushLeft.awaitEqual(rows(s, left));
        }
        assertThat(rows(s, inner)).containsExactlyInAnyOrder(List.of(10L, 100L, "al"), List.of(13L, 130L, "al"),
                List.of(12L, 120L, "dee"), List.of(14L, 140L, "dee"));
        pushInner.result.cancel();
        pushLeft.result.cancel();
    }

    @Test
    void aViewOverATableTableJoinEqualsARecomputationThroughUpdatesAndDeletes() {
        String query = "SELECT u.id, u.name, c.country FROM users u LEFT JOIN cities c ON u.city = c.city";
        s.execute("CREATE MATERIALIZED VIEW user_countries AS " + query);
        Applied push = new Applied((RowResult) s.execute("SELECT STREAM u.name, c.country FROM users u"
                + " FULL JOIN cities c ON u.city = c.city"));
        String full = "SELECT u.name, c.country FROM users u FULL JOIN cities c ON u.city = c.city";
        List<String> steps = List.of(
                "INSERT INTO users VALUES (1, 'ann', 'Oslo'), (2, 'bo', 'Rome'), (3, 'cy', 'Oslo')",
                "INSERT INTO cities VALUES ('Oslo', 'NO'), ('Lima', 'PE')",
                "INSERT INTO cities VALUES ('Rome', 'IT'), ('Oslo', 'Norway')",
                "INSERT INTO users VALUES (3, 'cy', 'Lima')",
                "DELETE FROM cities WHERE city = 'Oslo'",
                "DELETE FROM users WHERE id = 2",
                "INSERT INTO cities VALUES ('Oslo', 'NO')",
                "INSERT INTO users VALUES (4, 'di', NULL)");
        for (String step : steps) {
            step(step);
            assertThat(rows(s, "SELECT * FROM user_countries")).as(step)
                    .containsExactlyInAnyOrderElementsOf(rows(s, query));
            push.awaitEqual(rows(s, full));
        }
        assertThat(rows(s, "SELECT * FROM user_countries")).containsExactlyInAnyOrder(List.of(1L, "ann", "NO"),
                List.of(3L, "cy", "PE"), Arrays.asList(4L, "di", null));
        push.result.cancel();
    }

    @Test
    void aJobWritesATableTableJoinIntoATableKeyedLikeItsResult() throws Exception {
        String query = "SELECT u.id, u.name, c.country FROM users u LEFT JOIN cities c ON u.city = c.city";
        s.execute("CREATE TABLE user_country (id BIGINT PRIMARY KEY, name VARCHAR, country VARCHAR)");
        s.execute("CREATE JOB enrich AS INSERT INTO user_country " + query);
        List<String> steps = List.of(
                "INSERT INTO users VALUES (1, 'ann', 'Oslo'), (2, 'bo', 'Rome'), (3, 'cy', 'Oslo')",
                "INSERT INTO cities VALUES ('Oslo', 'NO'), ('Rome', 'IT')",
                "INSERT INTO cities VALUES ('Oslo', 'Norway')",
                "INSERT INTO users VALUES (3, 'cy', 'Rome')",
                "DELETE FROM cities WHERE city = 'Rome'",
                "DELETE FROM users WHERE id = 1");
        for (String step : steps) {
            step(step);
            List<List<Object>> expected = rows(s, query);
            JobTest.eventually(() -> rows(s, "SELECT * FROM user_country").size() == expected.size()
                    && rows(s, "SELECT * FROM user_country").containsAll(expected));
        }
        assertThat(rows(s, "SELECT * FROM user_country")).containsExactlyInAnyOrder(Arrays.asList(2L, "bo", null),
                Arrays.asList(3L, "cy", null));
    }

    @Test
    void aJoinOfTwoStreamsWithoutTimeBoundsIsRefusedInContinuousQueriesAndViews() {
        assertThatThrownBy(() -> s.execute("SELECT STREAM b.auction FROM bids b JOIN asks a ON b.auction = a.auction"))
                .isInstanceOfSatisfying(RunnelSqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("0A000");
                    assertThat(e.getMessage()).contains("two streams without time bounds", "interval join");
                });
        assertThatThrownBy(() -> s.execute("CREATE MATERIALIZED VIEW v AS SELECT b.auction, u.name FROM bids b"
                + " JOIN users u ON b.bidder = u.id"))
                .isInstanceOfSatisfying(RunnelSqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("0A000");
                    assertThat(e.getMessage()).contains("regular join", "keeps every row of bids", "interval join");
                });
    }

    @Test
    void withAStateTtlExplainShowsTheBoundAndAViewOverAStreamTableJoinIsAllowed() {
        String join = "SELECT b.auction, u.name FROM bids b JOIN users u ON b.bidder = u.id";
        List<List<Object>> plain = rows(s, "EXPLAIN SELECT STREAM " + join.substring("SELECT ".length()));
        assertThat(plain.toString()).contains("regular join; state grows with every row of bids",
                "WARNING: unbounded state: HashJoin[INNER] (a regular join) keeps every row of bids");
        s.execute("SET 'state.ttl' = '1 hour'");
        List<List<Object>> bounded = rows(s, "EXPLAIN SELECT STREAM " + join.substring("SELECT ".length()));
        assertThat(bounded.toString()).contains("regular join; state bounded by state.ttl INTERVAL '1' HOUR")
                .doesNotContain("WARNING");
        s.execute("CREATE MATERIALIZED VIEW bid_names AS " + join);
        writer.execute("INSERT INTO users VALUES (1, 'ann', 'Oslo')");
        writer.execute("INSERT INTO bids VALUES (10, 1, 100), (11, 2, 110)");
        writer.execute("INSERT INTO users VALUES (1, 'al', 'Oslo'), (2, 'bo', 'Rome')");
        assertThat(rows(s, "SELECT * FROM bid_names")).containsExactlyInAnyOrderElementsOf(rows(s, join))
                .containsExactlyInAnyOrder(List.of(10L, "al"), List.of(11L, "bo"));
        // two streams join continuously once the TTL bounds their state: append-only, no op column
        RowResult pairs = (RowResult) s.execute("SELECT STREAM b.auction, a.price FROM bids b JOIN asks a"
                + " ON a.auction = b.auction");
        assertThat(pairs.columns()).hasSize(2);
        writer.execute("INSERT INTO asks VALUES (10, 5), (12, 7)");
        assertThat(TableChangelogTest.fetch(pairs, 1)).containsExactly(List.of(10L, 5L));
        pairs.cancel();
    }

    @Test
    void aViewOverATableTableJoinRestoresItsCheckpointAfterARestartAndFollowsOn(@TempDir Path dir)
            throws Exception {
        String query = "SELECT u.id, u.name, c.country FROM users u LEFT JOIN cities c ON u.city = c.city";
        try (Engine e = Engines.open(EngineConfig.file(dir)); Session a = e.openSession()) {
            a.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR)");
            a.execute("CREATE TABLE cities (city VARCHAR PRIMARY KEY, country VARCHAR)");
            a.execute("SET 'checkpoint.interval' = '50 ms'");
            a.execute("SET 'state.ttl' = '7 days'"); // goes with the view, and comes back with it
            a.execute("CREATE MATERIALIZED VIEW user_countries AS " + query);
            a.execute("INSERT INTO cities VALUES ('Oslo', 'NO'), ('Rome', 'IT')");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (long id = 1; viewColumn(a, "checkpoint") == null; id++) {
                assertThat(System.nanoTime()).as("a checkpoint was taken").isLessThan(deadline);
                a.execute("INSERT INTO users VALUES (" + id + ", 'u" + id + "', '" + (id % 3 == 0 ? "Lima" : "Oslo")
                        + "')");
                Thread.sleep(60);
            }
            assertThat(rows(a, "SELECT * FROM user_countries")).containsExactlyInAnyOrderElementsOf(rows(a, query));
        }
        try (Engine e = Engines.open(EngineConfig.file(dir)); Session a = e.openSession()) {
            assertThat(rows(a, "SELECT * FROM user_countries")).containsExactlyInAnyOrderElementsOf(rows(a, query));
            assertThat(viewColumn(a, "restored_from")).as("restored from a checkpoint, not rebuilt").isNotNull();
            assertThat(viewColumn(a, "key")).isEqualTo("id");
            a.execute("INSERT INTO cities VALUES ('Oslo', 'Norway'), ('Lima', 'PE')");
            a.execute("INSERT INTO users VALUES (1, 'one', 'Rome'), (100, 'new', 'Lima')");
            assertThat(rows(a, "SELECT * FROM user_countries")).containsExactlyInAnyOrderElementsOf(rows(a, query));
            assertThat(rows(a, "SELECT country FROM user_countries WHERE id = 1")).containsExactly(List.of("IT"));
        }
    }

    private static Object viewColumn(Session a, String column) {
        RowResult r = (RowResult) a.execute("SHOW MATERIALIZED VIEWS");
        Object[] row = r.fetch(10).get(0);
        return row[r.columns().stream().map(c -> c.name()).toList().indexOf(column)];
    }
}
