package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.kafka.testing.KafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Views shared by the engines of a cluster on one (in-process) Kafka broker: every engine answers
 * for the whole view, tasks are split between them, and when one leaves the others take its
 * tasks over without losing or repeating a row.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterViewTest {
    @TempDir
    Path dir;

    private final String namespace = KafkaBroker.uniqueNamespace("cluster");

    private Engine open(String name) {
        return Engines.open(EngineConfig.kafka(KafkaBackend.at(KafkaBroker.get().bootstrap()).withNamespace(namespace),
                dir.resolve(name)).withCluster("c"));
    }

    /** Bidder → [count, total] over rows (auction, bidder, price) with price > 0. */
    private static Map<Long, long[]> expected(List<long[]> rows) {
        Map<Long, long[]> m = new TreeMap<>();
        for (long[] r : rows) {
            if (r[2] > 0) {
                long[] a = m.computeIfAbsent(r[1], k -> new long[2]);
                a[0]++;
                a[1] += r[2];
            }
        }
        return m;
    }

    private static void insert(Session s, List<long[]> all, int from, int n) {
        StringBuilder sql = new StringBuilder("INSERT INTO bids VALUES ");
        for (int i = from; i < from + n; i++) {
            long[] r = {i % 37, (i * 7L) % 23, (i % 11) - 1};
            all.add(r);
            sql.append(i == from ? "" : ", ").append('(').append(r[0]).append(", ").append(r[1]).append(", ")
                    .append(r[2]).append(')');
        }
        s.execute(sql.toString());
    }

    private static void assertView(Session s, List<long[]> inserted) {
        List<Object[]> rows = JobTest.rows(s, "SELECT bidder, n, total FROM spend ORDER BY bidder");
        Map<Long, long[]> want = expected(inserted);
        List<String> got = new ArrayList<>();
        rows.forEach(r -> got.add(r[0] + ":" + r[1] + ":" + r[2]));
        List<String> exp = new ArrayList<>();
        want.forEach((k, v) -> exp.add(k + ":" + v[0] + ":" + v[1]));
        assertThat(got).isEqualTo(exp);
    }

    /** Tasks (stage A and B pipelines) this engine runs now. */
    private static List<String> tasks(Engine e) {
        var t = ((RunnelEngine) e).views().view("spend").tasks;
        List<String> out = new ArrayList<>();
        t.tasks().forEach(i -> out.add(i.name()));
        return out;
    }

    private static void awaitSplit(List<Engine> engines) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            List<String> all = new ArrayList<>();
            boolean each = true;
            for (Engine e : engines) {
                List<String> t = tasks(e);
                each &= !t.isEmpty();
                all.addAll(t);
            }
            if (each && all.size() == 12 && all.stream().distinct().count() == 12) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("tasks not split between " + engines.size() + " engines: " + all);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException ex) {
                throw new AssertionError(ex);
            }
        }
    }

    @Test
    void enginesShareAViewsTasksAndEachAnswersForAllOfIt() {
        List<long[]> inserted = new ArrayList<>();
        try (Engine a = open("a"); Session sa = a.openSession()) {
            sa.execute("CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT) WITH (partitions = 6)");
            String created = ((UpdateResult) sa.execute("CREATE MATERIALIZED VIEW spend AS SELECT bidder, COUNT(*) AS n,"
                    + " SUM(price) AS total FROM bids WHERE price > 0 GROUP BY bidder")).message();
            assertThat(created).contains("6 tasks");
            try (Engine b = open("b"); Session sb = b.openSession()) {
                insert(sa, inserted, 0, 300);
                assertView(sb, inserted);
                assertView(sa, inserted);
                awaitSplit(List.of(a, b)); // 6 tasks of two stages each, all running, each engine some

                try (Engine c = open("c"); Session sc = c.openSession()) {
                    insert(sb, inserted, 300, 300);
                    assertView(sc, inserted);
                }
                insert(sa, inserted, 600, 300); // c left: its tasks moved to a and b
                assertView(sb, inserted);
            }
            insert(sa, inserted, 900, 100); // only a is left
            assertView(sa, inserted);
        }
    }

    private static final String WINDOWS = "SELECT window_start, window_end, auction, COUNT(*) AS n, SUM(price) AS total"
            + " FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '1' SECOND))"
            + " GROUP BY window_start, window_end, auction";

    /**
     * A window aggregate is split too, its watermark crossing the repartition topic as records: the
     * view equals the windows of the query over the whole input (late rows dropped alike), once a
     * row far ahead in every partition has closed them.
     */
    @Test
    void aWindowViewSharedByTwoEnginesEqualsTheQuery() {
        try (Engine a = open("a"); Session sa = a.openSession()) {
            sa.execute("CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, ts TIMESTAMP(3),"
                    + " WATERMARK FOR ts AS ts - INTERVAL '0.5' SECOND) WITH (partitions = 4, key = 'auction')");
            String created = ((UpdateResult) sa.execute("CREATE MATERIALIZED VIEW w AS " + WINDOWS)).message();
            assertThat(created).contains("4 tasks");
            try (Engine b = open("b"); Session sb = b.openSession()) {
                long base = 1_767_225_600_000L;
                for (int chunk = 0; chunk < 6; chunk++) {
                    StringBuilder sql = new StringBuilder("INSERT INTO bids VALUES ");
                    for (int i = chunk * 200; i < (chunk + 1) * 200; i++) {
                        long ts = base + i * 17L - (i % 13 == 0 ? 900 : 0); // some rows late for their window
                        sql.append(i == chunk * 200 ? "" : ", ").append('(').append(i % 10).append(", ")
                                .append(i % 7).append(", ").append(i % 50).append(", TIMESTAMP '")
                                .append(java.time.LocalDateTime.ofEpochSecond(ts / 1000, (int) (ts % 1000) * 1_000_000,
                                        java.time.ZoneOffset.UTC).toString().replace('T', ' ')).append("')");
                    }
                    (chunk % 2 == 0 ? sa : sb).execute(sql.toString());
                }
                StringBuilder far = new StringBuilder("INSERT INTO bids VALUES ");
                for (int k = 0; k < 10; k++) { // every auction, so every partition, far ahead
                    far.append(k == 0 ? "" : ", ").append('(').append(k).append(", 0, 0, TIMESTAMP '2027-01-01 00:00:00')");
                }
                sa.execute(far.toString());
                List<Object[]> want = JobTest.rows(sa, "SELECT * FROM (" + WINDOWS + ") AS q"
                        + " WHERE window_start < TIMESTAMP '2027-01-01 00:00:00' ORDER BY window_start, auction");
                assertThat(want).hasSizeGreaterThan(100);
                List<String> expected = new ArrayList<>();
                want.forEach(r -> expected.add(java.util.Arrays.toString(r)));
                long deadline = System.currentTimeMillis() + 60_000;
                List<String> got;
                do {
                    got = new ArrayList<>();
                    for (Object[] r : JobTest.rows(sb, "SELECT * FROM w ORDER BY window_start, auction")) {
                        got.add(java.util.Arrays.toString(r));
                    }
                } while (!got.equals(expected) && System.currentTimeMillis() < deadline);
                assertThat(got).isEqualTo(expected);
            }
        }
    }
}
