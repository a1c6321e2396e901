package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.sql.RunnelSqlException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FOR SYSTEM_TIME AS OF through the engine: each event joins the table's version valid at its time. */
class TemporalJoinTest {
    Engine engine;
    Session s;

    @BeforeEach
    void open() {
        engine = Engines.open(EngineConfig.memory());
        s = engine.openSession();
        s.execute("CREATE STREAM orders (id BIGINT, currency VARCHAR, amount BIGINT, ts TIMESTAMP(3),"
                + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (partitions = 2, key = 'id')");
        s.execute("CREATE TABLE rates (currency VARCHAR PRIMARY KEY, rate BIGINT, updated TIMESTAMP(3),"
                + " WATERMARK FOR updated AS updated) WITH (partitions = 2)");
        s.execute("INSERT INTO rates VALUES ('EUR', 100, TIMESTAMP '2026-01-01 10:00:00'),"
                + " ('USD', 50, TIMESTAMP '2026-01-01 10:00:00')");
        // the EUR rate changes between the orders at 10:00:02 and 10:00:07
        s.execute("INSERT INTO rates VALUES ('EUR', 110, TIMESTAMP '2026-01-01 10:00:05')");
        s.execute("INSERT INTO orders VALUES (1, 'EUR', 10, TIMESTAMP '2026-01-01 10:00:02'),"
                + " (2, 'EUR', 20, TIMESTAMP '2026-01-01 10:00:07'), (3, 'EUR', 30, TIMESTAMP '2026-01-01 09:59:00'),"
                + " (4, 'USD', 40, TIMESTAMP '2026-01-01 10:00:06'), (5, 'GBP', 50, TIMESTAMP '2026-01-01 10:00:06'),"
                + " (6, NULL, 60, TIMESTAMP '2026-01-01 10:00:06')");
    }

    @AfterEach
    void close() {
        s.close();
        engine.close();
    }

    List<List<Object>> rows(String sql) {
        RowResult r = (RowResult) s.execute(sql);
        List<List<Object>> out = new ArrayList<>();
        for (List<Object[]> chunk = r.fetch(1000); !chunk.isEmpty(); chunk = r.fetch(1000)) {
            chunk.forEach(row -> out.add(Arrays.asList(row)));
        }
        return out;
    }

    @Test
    void eachEventJoinsTheVersionValidAtItsTime() {
        assertThat(rows("SELECT o.id, r.rate, o.amount * r.rate AS worth FROM orders o"
                + " JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON r.currency = o.currency ORDER BY o.id"))
                .containsExactly(List.of(1L, 100L, 1000L), List.of(2L, 110L, 2200L), List.of(4L, 50L, 2000L));
    }

    @Test
    void aLeftTemporalJoinKeepsEventsWithoutAVersionAndTheResidualDecidesWhatMatches() {
        assertThat(rows("SELECT o.id, r.rate FROM orders o LEFT JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r"
                + " ON r.currency = o.currency AND r.rate > 60 ORDER BY o.id")).containsExactly(
                Arrays.asList(1L, 100L), Arrays.asList(2L, 110L), Arrays.asList(3L, null), Arrays.asList(4L, null),
                Arrays.asList(5L, null), Arrays.asList(6L, null));
    }

    @Test
    void aRateChangedBackAndADeletedKeyAreSeenAtTheirTimes() {
        s.execute("INSERT INTO rates VALUES ('EUR', 90, TIMESTAMP '2026-01-01 10:00:10')");
        s.execute("INSERT INTO orders VALUES (7, 'EUR', 1, TIMESTAMP '2026-01-01 10:00:09'),"
                + " (8, 'EUR', 1, TIMESTAMP '2026-01-01 10:00:10'), (9, 'EUR', 1, TIMESTAMP '2026-01-01 10:01:00')");
        assertThat(rows("SELECT o.id, r.rate, r.updated FROM orders o JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r"
                + " ON r.currency = o.currency WHERE o.id >= 7 ORDER BY o.id")).extracting(r -> r.subList(0, 2))
                .containsExactly(List.of(7L, 110L), List.of(8L, 90L), List.of(9L, 90L));
    }

    @Test
    void processingTimeJoinsTheCurrentRows() {
        assertThat(rows("SELECT o.id, r.rate FROM orders o JOIN rates FOR SYSTEM_TIME AS OF PROCTIME() AS r"
                + " ON r.currency = o.currency ORDER BY o.id")).containsExactly(List.of(1L, 110L), List.of(2L, 110L),
                List.of(3L, 110L), List.of(4L, 50L));
    }

    @Test
    void aProcessingTimeJoinLooksUpTheCurrentRowAndLaterChangesDoNotReviseIt() throws Exception {
        s.execute("CREATE STREAM clicks (id BIGINT, currency VARCHAR, ts TIMESTAMP(3)) WITH (partitions = 1)");
        s.execute("CREATE TABLE fx (currency VARCHAR PRIMARY KEY, rate BIGINT) WITH (partitions = 1)");
        s.execute("INSERT INTO clicks VALUES (1, 'EUR', TIMESTAMP '2026-01-01 10:00:00')");
        s.execute("INSERT INTO fx VALUES ('EUR', 100)"); // after the click in the log, read before it all the same
        String join = "SELECT c.id, f.rate FROM clicks c LEFT JOIN fx FOR SYSTEM_TIME AS OF PROCTIME() AS f"
                + " ON f.currency = c.currency";
        s.execute("CREATE MATERIALIZED VIEW clicked AS " + join);
        // processing time: what a row joins depends on when it is processed; the view has done click 1 now
        assertThat(rows("SELECT id, rate FROM clicked")).containsExactly(List.of(1L, 100L));
        RowResult push = (RowResult) s.execute(join.replaceFirst("SELECT", "SELECT STREAM"));
        assertThat(push.columns()).extracting(c -> c.name()).containsExactly("id", "rate"); // append-only: no op
        List<List<Object>> got = new ArrayList<>();
        try (Session writer = engine.openSession()) {
            awaitRows(push, got, 1);
            writer.execute("INSERT INTO fx VALUES ('EUR', 120)");
            writer.execute("INSERT INTO fx VALUES ('USD', 50)");
            Thread.sleep(200); // the table's changes are read before the next clicks
            writer.execute("INSERT INTO clicks VALUES (2, 'EUR', TIMESTAMP '2026-01-01 10:00:01'),"
                    + " (3, 'USD', TIMESTAMP '2026-01-01 10:00:02'), (4, 'GBP', TIMESTAMP '2026-01-01 10:00:03')");
            awaitRows(push, got, 4);
            Thread.sleep(300); // and nothing revises click 1
            List<Object[]> more = push.fetch(100, 100);
            if (more != null) {
                more.forEach(r -> got.add(Arrays.asList(r)));
            }
            push.cancel();
        }
        assertThat(got).containsExactly(List.of(1L, 100L), List.of(2L, 120L), List.of(3L, 50L),
                Arrays.asList(4L, null));
        assertThat(rows("SELECT id, rate FROM clicked ORDER BY id")).isEqualTo(got);
    }

    private static void awaitRows(RowResult push, List<List<Object>> got, int count) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (got.size() < count && System.nanoTime() < deadline) {
            List<Object[]> chunk = push.fetch(100, 200);
            if (chunk != null) {
                chunk.forEach(r -> got.add(Arrays.asList(r)));
            }
        }
    }

    @Test
    void aTemporalJoinAgainstAStreamIsRefused() {
        assertThatThrownBy(() -> s.execute("SELECT o.id FROM orders o JOIN orders FOR SYSTEM_TIME AS OF o.ts AS p"
                + " ON p.id = o.id")).isInstanceOf(RunnelSqlException.class)
                .hasMessageContaining("reads the versions of a TABLE").hasMessageContaining("orders is a stream");
    }

    @Test
    void aPushQueryAndAViewJoinEachEventAsTheWatermarksOfBothSidesPassIt() throws Exception {
        s.execute("CREATE STREAM pays (id BIGINT, currency VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)"
                + " WITH (partitions = 1)");
        s.execute("CREATE TABLE fx (currency VARCHAR PRIMARY KEY, rate BIGINT, updated TIMESTAMP(3),"
                + " WATERMARK FOR updated AS updated) WITH (partitions = 1)");
        s.execute("INSERT INTO fx VALUES ('EUR', 100, TIMESTAMP '2026-01-01 10:00:00')");
        s.execute("INSERT INTO pays VALUES (1, 'EUR', TIMESTAMP '2026-01-01 10:00:01')");
        String join = "SELECT p.id, f.rate FROM pays p JOIN fx FOR SYSTEM_TIME AS OF p.ts AS f"
                + " ON f.currency = p.currency";
        s.execute("SET scan.start = 'latest'"); // the table side still reads every version: it is state
        s.execute("CREATE MATERIALIZED VIEW worth AS " + join);
        RowResult push = (RowResult) s.execute("SELECT STREAM p.id, f.rate FROM pays p JOIN fx"
                + " FOR SYSTEM_TIME AS OF p.ts AS f ON f.currency = p.currency");
        List<List<Object>> got = new ArrayList<>();
        try (Session writer = engine.openSession()) {
            writer.execute("INSERT INTO pays VALUES (2, 'EUR', TIMESTAMP '2026-01-01 10:00:10')");
            writer.execute("INSERT INTO fx VALUES ('EUR', 110, TIMESTAMP '2026-01-01 10:00:05')");
            // order 2 waits until the table's watermark passes 10:00:10
            writer.execute("INSERT INTO fx VALUES ('USD', 50, TIMESTAMP '2026-01-01 10:00:30')");
            writer.execute("INSERT INTO pays VALUES (3, 'USD', TIMESTAMP '2026-01-01 10:00:40')");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (got.isEmpty() && System.nanoTime() < deadline) {
                List<Object[]> chunk = push.fetch(100, 200);
                if (chunk != null) {
                    chunk.forEach(r -> got.add(Arrays.asList(r)));
                }
            }
            Thread.sleep(300); // order 3 stays: the table's watermark is at 10:00:30
            List<Object[]> more = push.fetch(100, 200);
            if (more != null) {
                more.forEach(r -> got.add(Arrays.asList(r)));
            }
            push.cancel();
        }
        // order 1 was there before the push query (scan.start = latest): not in it; order 2 joins the
        // version valid at 10:00:10, which arrived after it
        assertThat(got).containsExactly(List.of(2L, 110L));
        List<List<Object>> view = rows("SELECT id, rate FROM worth ORDER BY id");
        assertThat(view).containsExactly(List.of(1L, 100L), List.of(2L, 110L));
        assertThat(rows(join + " WHERE p.ts <= TIMESTAMP '2026-01-01 10:00:30' ORDER BY p.id")).isEqualTo(view);
    }
}
