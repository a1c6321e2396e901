package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.FetchResult;
import dev.runnel.log.LogStore;
import dev.runnel.log.TopicPartition;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import dev.runnel.sql.RunnelSqlException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change data capture: a small database's Debezium history (a snapshot, then inserts, updates,
 * deletes, a key deleted and inserted again, primary-key changes, tombstones, the Kafka Connect
 * envelope) loaded step by step with COPY into a {@code debezium-json} table. After every step the
 * table's pull query equals the database, and views aggregating the table equal a recomputation.
 * Malformed events go to the dead-letter topic, counted, and the rest loads.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CdcTableTest {
    @TempDir
    Path dir;
    Engine engine;
    Session s;

    @BeforeEach
    void open() {
        engine = Engines.open(EngineConfig.memory());
        s = engine.openSession();
        s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer BIGINT, amount DECIMAL(10, 2), status VARCHAR)"
                + " WITH (format = 'debezium-json', partitions = 3)");
    }

    @AfterEach
    void close() {
        s.close();
        engine.close();
    }

    static List<List<Object>> rows(Session s, String sql) {
        RowResult r = (RowResult) s.execute(sql);
        List<List<Object>> out = new ArrayList<>();
        for (List<Object[]> chunk = r.fetch(1000); !chunk.isEmpty(); chunk = r.fetch(1000)) {
            for (Object[] row : chunk) {
                List<Object> values = new ArrayList<>();
                for (Object v : row) { // decimals compared by value, whatever their scale
                    values.add(v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : v);
                }
                out.add(values);
            }
        }
        return out;
    }

    /** The database: orders by id, and the change events its statements produce. */
    static final class Database {
        final Map<Long, Object[]> orders = new TreeMap<>();
        final Random random = new Random(8);
        final List<String> events = new ArrayList<>();
        int envelopes;

        static String row(long id, Object[] r) {
            return "{\"id\":" + id + ",\"customer\":" + r[0] + ",\"amount\":" + r[1] + ",\"status\":"
                    + (r[2] == null ? "null" : "\"" + r[2] + "\"") + "}";
        }

        void event(String before, String after, String op) {
            String payload = "{\"before\":" + before + ",\"after\":" + after + ",\"op\":\"" + op
                    + "\",\"ts_ms\":1767225600000,\"source\":{\"db\":\"shop\",\"table\":\"orders\"}}";
            // every third event comes in Kafka Connect's envelope, as a converter with schemas writes it
            events.add(envelopes++ % 3 == 0 ? "{\"schema\":{\"type\":\"struct\",\"optional\":false},\"payload\":"
                    + payload + "}" : payload);
        }

        Object[] newRow() {
            String[] statuses = {"new", "paid", "shipped", null};
            return new Object[] {(long) random.nextInt(5), new BigDecimal(random.nextInt(10_000)).movePointLeft(2),
                    statuses[random.nextInt(statuses.length)]};
        }

        void snapshot(long id) {
            Object[] r = newRow();
            orders.put(id, r);
            event("null", row(id, r), "r");
        }

        void insert(long id) {
            Object[] r = newRow();
            orders.put(id, r);
            event("null", row(id, r), "c");
        }

        void update(long id) {
            Object[] before = orders.get(id);
            Object[] r = newRow();
            orders.put(id, r);
            event(row(id, before), row(id, r), "u");
        }

        void delete(long id) {
            event(row(id, orders.remove(id)), "null", "d");
            events.add("null"); // the tombstone Debezium writes after a delete
        }

        /** An UPDATE of the primary key, as one event (Debezium itself splits it into a delete and a create). */
        void changeKey(long id, long to) {
            Object[] r = orders.remove(id);
            orders.put(to, r);
            event(row(id, r), row(to, r), "u");
        }

        long someId() {
            List<Long> ids = new ArrayList<>(orders.keySet());
            return ids.get(random.nextInt(ids.size()));
        }

        List<List<Object>> expected() {
            List<List<Object>> out = new ArrayList<>();
            orders.forEach((id, r) -> out.add(Arrays.asList(id, r[0],
                    ((BigDecimal) r[1]).stripTrailingZeros().toPlainString(), r[2])));
            return out;
        }

        Path flush(Path dir, int step) throws IOException {
            Path file = dir.resolve("orders-" + step + ".json");
            Files.write(file, events);
            events.clear();
            return file;
        }
    }

    void copy(Path file) {
        UpdateResult r = (UpdateResult) s.execute("COPY orders FROM '" + file + "'");
        assertThat(r.warnings()).as("no dead letters in a good history").isEmpty();
    }

    @Test
    void aDebeziumHistoryLoadedInStepsGivesTheDatabaseStateAndViewsEqualARecomputationAfterEachStep()
            throws IOException {
        s.execute("CREATE MATERIALIZED VIEW per_status AS SELECT status, COUNT(*) AS n, SUM(amount) AS total,"
                + " MAX(amount) AS top FROM orders GROUP BY status");
        s.execute("CREATE MATERIALIZED VIEW per_customer AS SELECT customer, COUNT(*) AS n FROM orders"
                + " WHERE status <> 'new' GROUP BY customer");
        s.execute("CREATE MATERIALIZED VIEW mirror AS SELECT * FROM orders");
        Database db = new Database();
        for (long id = 1; id <= 40; id++) {
            db.snapshot(id);
        }
        long nextId = 41;
        for (int step = 0; step < 12; step++) {
            if (step > 0) {
                for (int i = 0; i < 25; i++) {
                    int what = db.random.nextInt(10);
                    if (what < 3 || db.orders.size() < 5) {
                        db.insert(nextId++);
                    } else if (what < 7) {
                        db.update(db.someId());
                    } else if (what < 9) {
                        db.delete(db.someId());
                    } else {
                        db.changeKey(db.someId(), nextId++);
                    }
                }
            }
            if (step == 3) { // a key deleted and inserted again, in one step and across two
                long id = db.someId();
                db.delete(id);
                db.insert(id);
                long other = db.someId();
                db.delete(other);
                copy(db.flush(dir, 100 + step));
                db.insert(other);
            }
            copy(db.flush(dir, step));
            assertThat(rows(s, "SELECT id, customer, amount, status FROM orders ORDER BY id")).as("step %d", step)
                    .isEqualTo(db.expected());
            assertThat(rows(s, "SELECT * FROM per_status")).as("step %d", step).containsExactlyInAnyOrderElementsOf(
                    rows(s, "SELECT status, COUNT(*), SUM(amount), MAX(amount) FROM orders GROUP BY status"));
            assertThat(rows(s, "SELECT * FROM per_customer")).as("step %d", step).containsExactlyInAnyOrderElementsOf(
                    rows(s, "SELECT customer, COUNT(*) FROM orders WHERE status <> 'new' GROUP BY customer"));
            assertThat(rows(s, "SELECT id, customer, amount, status FROM mirror ORDER BY id")).as("step %d", step)
                    .isEqualTo(db.expected());
        }
        assertThat(db.orders).hasSizeGreaterThan(20);
    }

    @Test
    void aPushQueryOverTheTableShowsTheChangelogAndInsertWritesEventsThatReadBack() throws IOException {
        Database db = new Database();
        db.snapshot(1);
        db.snapshot(2);
        copy(db.flush(dir, 0));
        RowResult push = (RowResult) s.execute("SELECT STREAM id, status FROM orders");
        List<List<Object>> seen = new ArrayList<>();
        while (seen.size() < 2) {
            push.fetch(10).forEach(r -> seen.add(Arrays.asList(r)));
        }
        Object status1 = db.orders.get(1L)[2];
        Object status2 = db.orders.get(2L)[2];
        db.changeKey(1, 9);
        db.delete(2);
        copy(db.flush(dir, 1));
        s.execute("INSERT INTO orders VALUES (3, 7, 1.50, 'new')");
        while (seen.size() < 6) {
            push.fetch(10).forEach(r -> seen.add(Arrays.asList(r)));
        }
        push.cancel();
        // keys live in partitions of their own, read in turn: the order across keys is not fixed
        assertThat(seen.subList(2, 6)).containsExactlyInAnyOrder(Arrays.asList(1L, status1, "-D"),
                Arrays.asList(9L, status1, "+I"), Arrays.asList(2L, status2, "-D"), Arrays.asList(3L, "new", "+I"));
        assertThat(rows(s, "SELECT id, status FROM orders ORDER BY id")).containsExactly(Arrays.asList(3L, "new"),
                Arrays.asList(9L, status1));
    }

    @Test
    void malformedEventsGoToTheDeadLetterTopicCountedAndTheRestLoads() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.write(file, List.of(
                "{\"before\":null,\"after\":{\"id\":1,\"customer\":1,\"amount\":2.5,\"status\":\"new\"},\"op\":\"c\"}",
                "{\"before\":null,\"after\":{\"id\":2,\"customer\":1",
                "{\"before\":null,\"after\":{\"id\":3,\"customer\":1}}",
                "{\"before\":{\"id\":1},\"after\":null,\"op\":\"u\"}",
                "{\"before\":null,\"after\":{\"id\":4},\"op\":\"t\"}",
                "{\"before\":null,\"after\":{\"id\":5,\"amount\":\"lots\"},\"op\":\"c\"}",
                "{\"before\":null,\"after\":{\"customer\":5},\"op\":\"r\"}",
                "null",
                "{\"before\":null,\"after\":{\"id\":6,\"customer\":2,\"amount\":1,\"status\":\"paid\"},\"op\":\"r\"}"));
        UpdateResult r = (UpdateResult) s.execute("COPY orders FROM '" + file + "'");
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.warnings()).containsExactly("6 malformed rows went to dead-letter topic orders.dlq");
        List<String> letters = values(((RunnelEngine) engine).log(), "orders.dlq");
        assertThat(letters).hasSize(6);
        assertThat(letters.get(0)).contains("malformed JSON").contains("bad.json:2");
        assertThat(letters.get(1)).contains("no 'op' field").contains("bad.json:3");
        assertThat(letters.get(2)).contains("a 'u' event needs an 'after' object").contains("bad.json:4");
        assertThat(letters.get(3)).contains("unknown op 't'");
        assertThat(letters.get(4)).contains("column 'amount'");
        assertThat(letters.get(5)).contains("column 'id': NULL in a NOT NULL column");
        assertThat(rows(s, "SELECT id FROM orders ORDER BY id")).containsExactly(List.of(1L), List.of(6L));
        List<List<Object>> described = rows(s, "DESCRIBE orders");
        assertThat(described).anySatisfy(row -> assertThat(row).startsWith("(dead letters)", "6"));
    }

    @Test
    void anUndecodableEventInTheTopicIsSkippedAndCountedByPullAndPushQueries() throws IOException {
        Database db = new Database();
        db.snapshot(1);
        db.snapshot(2);
        copy(db.flush(dir, 0));
        // another writer of the topic (a connector) put a malformed event for key 2 and one with an unknown op
        LogStore log = ((RunnelEngine) engine).log();
        for (String[] bad : new String[][] {{"2", "{\"after\":{\"id\":2},\"op\":\"x\"}"}, {"3", "{\"op\":"}}) {
            byte[] key = bad[0].getBytes(StandardCharsets.UTF_8);
            log.append(new TopicPartition("orders", dev.runnel.exec.format.KeyEncoder.partitionOf(key, 3)),
                    List.of(dev.runnel.log.Record.of(key, bad[1].getBytes(StandardCharsets.UTF_8))));
        }
        RowResult pull = (RowResult) s.execute("SELECT id FROM orders ORDER BY id");
        List<Object[]> ids = pull.fetch(10);
        // key 2's newest record is the bad one: its row is not known, so none is shown
        assertThat(ids.stream().map(r -> r[0]).toList()).containsExactly(1L);
        assertThat(pull.fetch(10)).isEmpty();
        assertThat(pull.warnings()).anySatisfy(w -> assertThat(w).contains("2").contains("skipped"));
        RowResult push = (RowResult) s.execute("SELECT STREAM id FROM orders");
        List<Object> seen = new ArrayList<>();
        while (seen.size() < 2) {
            push.fetch(10).forEach(r -> seen.add(r[0]));
        }
        push.cancel();
        assertThat(seen).containsExactlyInAnyOrder(1L, 2L); // the snapshot rows; the bad events change nothing
    }

    @Test
    void aJobWritesTheChangesOfAnAggregateOverTheCdcTableIntoATableKeyedLikeIt() throws Exception {
        s.execute("CREATE TABLE status_totals (status VARCHAR PRIMARY KEY, n BIGINT, total DECIMAL(38, 2))");
        s.execute("SET 'checkpoint.interval' = '50 ms'"); // a job's output is committed at its checkpoints
        s.execute("CREATE JOB totals AS INSERT INTO status_totals SELECT STREAM status, COUNT(*), SUM(amount)"
                + " FROM orders WHERE status IS NOT NULL GROUP BY status");
        Database db = new Database();
        for (long id = 1; id <= 30; id++) {
            db.snapshot(id);
        }
        long nextId = 31;
        for (int step = 0; step < 6; step++) {
            for (int i = 0; i < 15; i++) {
                int what = db.random.nextInt(10);
                if (what < 3) {
                    db.insert(nextId++);
                } else if (what < 7) {
                    db.update(db.someId());
                } else {
                    db.delete(db.someId());
                }
            }
            copy(db.flush(dir, step));
            String recompute = "SELECT status, COUNT(*), SUM(amount) FROM orders WHERE status IS NOT NULL GROUP BY status";
            List<List<Object>> expected = rows(s, recompute);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            List<List<Object>> got = rows(s, "SELECT status, n, total FROM status_totals");
            while (!new java.util.HashSet<>(got).equals(new java.util.HashSet<>(expected)) && System.nanoTime() < deadline) {
                Thread.sleep(20); // a job commits asynchronously
                got = rows(s, "SELECT status, n, total FROM status_totals");
            }
            assertThat(got).as("step %d", step).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(RunnelSqlException.class, () -> s.execute(
                "INSERT INTO status_totals SELECT STREAM status, COUNT(*), SUM(amount) FROM orders GROUP BY status,"
                + " customer"))).satisfies(e -> assertThat(e.sqlState()).isEqualTo("0A000"))
                .hasMessageContaining("revise rows it emitted) without a unique key, but table status_totals is keyed"
                        + " by (status)");
        s.execute("CREATE STREAM totals_feed (status VARCHAR, n BIGINT)");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(RunnelSqlException.class, () -> s.execute(
                "INSERT INTO totals_feed SELECT STREAM status, COUNT(*) FROM orders GROUP BY status")))
                .hasMessageContaining("takes appended rows only");
    }

    static List<String> values(LogStore log, String topic) {
        List<String> out = new ArrayList<>();
        TopicPartition tp = new TopicPartition(topic, 0);
        long offset = log.logStartOffset(tp);
        while (offset < log.logEndOffset(tp)) {
            FetchResult f = log.read(tp, offset, 1 << 20);
            f.forEach((batch, rec) -> out.add(new String(rec.valueBytes(), StandardCharsets.UTF_8)));
            offset = f.nextOffset();
        }
        return out;
    }
}
