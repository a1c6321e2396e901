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
}
