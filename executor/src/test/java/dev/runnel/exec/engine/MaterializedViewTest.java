package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.sql.RunnelSqlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Materialized views through the engine: subscriptions, restarts, consistency, failures that change nothing. */
class MaterializedViewTest {
    private static final String STREAM = "CREATE STREAM bids (auction BIGINT, price BIGINT) WITH (partitions = 2)";
    private static final String VIEW = "CREATE MATERIALIZED VIEW per_auction AS SELECT auction, COUNT(*) AS n,"
            + " SUM(price) AS total FROM bids GROUP BY auction";

    private static List<List<Object>> rows(Session s, String sql) {
        RowResult r = (RowResult) s.execute(sql);
        List<List<Object>> out = new ArrayList<>();
        for (List<Object[]> chunk = r.fetch(1000); !chunk.isEmpty(); chunk = r.fetch(1000)) {
            chunk.forEach(row -> out.add(java.util.Arrays.asList(row)));
        }
        return out;
    }

    private static void insert(Session s, int from, int to) {
        StringBuilder sql = new StringBuilder("INSERT INTO bids VALUES ");
        for (int i = from; i < to; i++) {
            sql.append(i == from ? "" : ", ").append('(').append(i % 7).append(", ").append(i).append(')');
        }
        s.execute(sql.toString());
    }

    @Test
    void aPullQueryReadsItsOwnWritesAndAPointLookupFindsOneKey() {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            s.execute(STREAM);
            s.execute(VIEW);
            for (int round = 0; round < 20; round++) {
                insert(s, round * 10, round * 10 + 10);
                long expected = 0;
                for (int i = 0; i < round * 10 + 10; i++) {
                    expected += i % 7 == 3 ? i : 0;
                }
                assertThat(rows(s, "SELECT total FROM per_auction WHERE auction = 3")).containsExactly(List.of(expected));
            }
            assertThat(rows(s, "SELECT COUNT(*), SUM(n) FROM per_auction")).containsExactly(List.of(7L, 200L));
        }
    }

    @Test
    void aSubscriptionSeesTheSnapshotThenEveryChangeInOrderAcrossCheckpoints() throws Exception {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession();
                Session writer = engine.openSession()) {
            s.execute(STREAM);
            s.execute("SET 'checkpoint.interval' = '10 ms'"); // checkpoints between the bursts
            s.execute(VIEW);
            insert(writer, 0, 50);
            rows(writer, "SELECT * FROM per_auction"); // caught up: the snapshot holds these 50
            RowResult sub = (RowResult) s.execute("SELECT STREAM * FROM per_auction");
            assertThat(sub.columns().get(sub.columns().size() - 1).name()).isEqualTo("op");
            Map<Object, List<Object>> state = new HashMap<>();
            List<String> kinds = new ArrayList<>();
            Thread reader = new Thread(() -> {
                for (List<Object[]> chunk = sub.fetch(100); !chunk.isEmpty(); chunk = sub.fetch(100)) {
                    synchronized (state) {
                        for (Object[] row : chunk) {
                            String op = (String) row[3];
                            kinds.add(op);
                            List<Object> values = List.of(row[0], row[1], row[2]);
                            if (op.startsWith("+")) {
                                assertThat(state.put(row[0], values)).as("no key twice without a retraction")
                                        .isNull();
                            } else {
                                assertThat(state.remove(row[0])).isEqualTo(values);
                            }
                        }
                    }
                }
            });
            reader.start();
            for (int burst = 0; burst < 10; burst++) {
                insert(writer, 50 + burst * 30, 80 + burst * 30);
                Thread.sleep(15);
            }
            assertThat(checkpointOf(writer)).as("checkpoints were taken while it followed").isNotNull();
            List<List<Object>> expected = rows(writer, "SELECT * FROM per_auction");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                synchronized (state) {
                    if (new ArrayList<>(state.values()).containsAll(expected) && state.size() == expected.size()) {
                        break;
                    }
                }
                Thread.sleep(10);
            }
            sub.cancel();
            reader.join(10_000);
            synchronized (state) {
                assertThat(state.values()).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(kinds.subList(0, 7)).containsOnly("+I"); // the snapshot: 7 auctions
                assertThat(kinds).contains("-U", "+U");
            }
        }
    }

    @Test
    void viewsComeBackAfterARestartWithTheSameContents(@TempDir Path dir) {
        List<List<Object>> before;
        try (Engine engine = Engines.open(EngineConfig.file(dir)); Session s = engine.openSession()) {
            s.execute(STREAM);
            s.execute(VIEW);
            s.execute("CREATE MATERIALIZED VIEW busy AS SELECT n, COUNT(*) AS auctions FROM per_auction GROUP BY n");
            insert(s, 0, 100);
            before = rows(s, "SELECT * FROM busy ORDER BY n");
        }
        try (Engine engine = Engines.open(EngineConfig.file(dir)); Session s = engine.openSession()) {
            assertThat(rows(s, "SELECT * FROM busy ORDER BY n")).isEqualTo(before);
            insert(s, 100, 107);
            assertThat(rows(s, "SELECT SUM(n * auctions) FROM busy")).containsExactly(List.of(107L));
        }
    }

    @Test
    void aRestartRestoresTheNewestCheckpointAndReadsOnFromThere(@TempDir Path dir) throws Exception {
        List<List<Object>> before;
        try (Engine engine = Engines.open(EngineConfig.file(dir)); Session s = engine.openSession()) {
            s.execute(STREAM);
            s.execute("SET 'checkpoint.interval' = '50 ms'");
            s.execute(VIEW);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            do {
                insert(s, 0, 20);
                Thread.sleep(60);
            } while (checkpointOf(s) == null && System.nanoTime() < deadline);
            assertThat(checkpointOf(s)).as("a checkpoint was taken").isNotNull();
            before = rows(s, "SELECT * FROM per_auction ORDER BY auction");
            List<List<Object>> describe = rows(s, "DESCRIBE per_auction");
            List<Object> state = describe.stream().filter(r -> "(state)".equals(r.get(0))).findFirst().orElseThrow();
            assertThat(state.get(1)).isEqualTo("RUNNING");
            assertThat((String) state.get(4)).contains(" rows, ", " changes applied, ", " bytes of state");
            List<Object> cp = describe.stream().filter(r -> "(checkpoint)".equals(r.get(0))).findFirst().orElseThrow();
            assertThat(cp.get(1)).isNotNull();
            assertThat((String) cp.get(4)).startsWith("taken ").contains(" ms ago", " bytes, ", " ms pause");
        }
        try (Engine engine = Engines.open(EngineConfig.file(dir)); Session s = engine.openSession()) {
            assertThat(rows(s, "SELECT * FROM per_auction ORDER BY auction")).isEqualTo(before);
            RowResult r = (RowResult) s.execute("SHOW MATERIALIZED VIEWS");
            Object[] row = r.fetch(10).get(0);
            int restored = r.columns().stream().map(c -> c.name()).toList().indexOf("restored_from");
            assertThat(row[restored]).as("restored from a checkpoint, not rebuilt").isNotNull();
            insert(s, 0, 7);
            List<List<Object>> after = rows(s, "SELECT SUM(n) FROM per_auction");
            long total = 0;
            for (List<Object> b : before) {
                total += (Long) b.get(1);
            }
            assertThat(after).containsExactly(List.of(total + 7));
        }
    }

    @Test
    void describeCountsTheLateRowsThatViewsOverTheStreamMeet() {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            s.execute("CREATE STREAM t (k BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (partitions = 1)");
            s.execute("CREATE MATERIALIZED VIEW per_second AS SELECT window_start, window_end, COUNT(*) AS n"
                    + " FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY window_start, window_end");
            s.execute("INSERT INTO t VALUES (1, TIMESTAMP '2026-01-01 00:00:00.500'), (2, TIMESTAMP '2026-01-01 00:00:02'),"
                    + " (3, TIMESTAMP '2026-01-01 00:00:00.700')"); // the last one is late: [0 s, 1 s) fired
            assertThat(rows(s, "SELECT n FROM per_second")).containsExactly(List.of(1L));
            List<List<Object>> describe = rows(s, "DESCRIBE t");
            List<Object> late = describe.stream().filter(r -> "(late rows)".equals(r.get(0))).findFirst().orElseThrow();
            assertThat(late.get(1)).isEqualTo("1");
            assertThat((String) late.get(4)).contains("1 dropped");
        }
    }

    private static Object checkpointOf(Session s) {
        RowResult r = (RowResult) s.execute("SHOW MATERIALIZED VIEWS");
        Object[] row = r.fetch(10).get(0);
        return row[r.columns().stream().map(c -> c.name()).toList().indexOf("checkpoint")];
    }

    @Test
    void aFailedCreateChangesNothingAndDroppingFreesTheName() {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            s.execute(STREAM);
            assertThatThrownBy(() -> s.execute("CREATE MATERIALIZED VIEW w AS SELECT * FROM TABLE(TUMBLE(TABLE bids,"
                    + " DESCRIPTOR(price), INTERVAL '1' SECOND))")).isInstanceOf(RunnelSqlException.class);
            assertThat(engine.catalog().find("w")).isEmpty();
            s.execute(VIEW);
            s.execute("DROP MATERIALIZED VIEW per_auction");
            assertThat(engine.catalog().find("per_auction")).isEmpty();
            assertThat(engine.log().listTopics()).noneMatch(t -> t.contains("per_auction"));
            s.execute(VIEW);
            insert(s, 0, 3);
            assertThat(rows(s, "SELECT COUNT(*) FROM per_auction")).containsExactly(List.of(3L));
        }
    }
}
