package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.cluster.StateRestores;
import dev.runnel.exec.cluster.ViewTasks;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.kafka.KafkaLogStore;
import dev.runnel.log.kafka.testing.KafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state of a cluster's view tasks: written incrementally over many commits and restored by
 * another process that equals the crash-free answer; and kept warm by a standby, which takes the
 * task over from its copy without reading the state topic again.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterStateTest {
    @TempDir
    Path dir;

    private final String namespace = KafkaBroker.uniqueNamespace("state");

    private Engine open(String name) {
        return Engines.open(EngineConfig.kafka(KafkaBackend.at(KafkaBroker.get().bootstrap()).withNamespace(namespace),
                dir.resolve(name)).withCluster("c"));
    }

    /** Rows (bidder, price): bidder → [count, total]. */
    private static Map<Long, long[]> expected(List<long[]> rows) {
        Map<Long, long[]> m = new TreeMap<>();
        for (long[] r : rows) {
            long[] a = m.computeIfAbsent(r[0], k -> new long[2]);
            a[0]++;
            a[1] += r[1];
        }
        return m;
    }

    /** {@code n} rows from row number {@code from}: bidders spread over {@code keys}. */
    private static void insert(Session s, List<long[]> all, int from, int n, int keys) {
        StringBuilder sql = new StringBuilder("INSERT INTO bids VALUES ");
        for (int i = from; i < from + n; i++) {
            long[] r = {(i * 7919L) % keys, i % 13};
            all.add(r);
            sql.append(i == from ? "" : ", ").append('(').append(r[0]).append(", ").append(r[1]).append(')');
        }
        s.execute(sql.toString());
    }

    private static void assertView(Session s, List<long[]> inserted) {
        List<String> got = new ArrayList<>();
        JobTest.rows(s, "SELECT bidder, n, total FROM spend ORDER BY bidder").forEach(r -> got.add(r[0] + ":" + r[1]
                + ":" + r[2]));
        List<String> exp = new ArrayList<>();
        expected(inserted).forEach((k, v) -> exp.add(k + ":" + v[0] + ":" + v[1]));
        assertThat(got).isEqualTo(exp);
    }

    private static ViewTasks tasks(Engine e) {
        return ((RunnelEngine) e).views().view("spend").tasks;
    }

    private static void await(String what, BooleanSupplier done) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static long stateRecords(Engine e, int partitions) {
        KafkaLogStore store = (KafkaLogStore) ((RunnelEngine) e).log();
        long n = 0;
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition("__spend.state", p);
            n += store.logEndOffset(tp) - store.logStartOffset(tp);
        }
        return n;
    }

    @Test
    void aViewRestoredFromIncrementalStateAfterManyCommitsEqualsTheCrashFreeAnswer() {
        List<long[]> inserted = new ArrayList<>();
        int keys = 60_000; // 2.5 MB of state in the one task: columns of several chunks each
        try (Engine a = open("a"); Session sa = a.openSession()) {
            sa.execute("CREATE STREAM bids (bidder BIGINT, price BIGINT) WITH (partitions = 1)");
            sa.execute("SET 'checkpoint.interval' = '100 ms'");
            sa.execute("CREATE MATERIALIZED VIEW spend AS SELECT bidder, COUNT(*) AS n, SUM(price) AS total"
                    + " FROM bids GROUP BY bidder");
            for (int from = 0; from < keys; from += 20_000) {
                insert(sa, inserted, from, 20_000, keys);
            }
            assertView(sa, inserted);
            ViewTasks.StateWrites before = tasks(a).stateWrites().get("spend/b0");
            for (int round = 0; round < 12; round++) { // many commits, each changing 50 of the first groups
                insert(sa, inserted, round * 50 % 400, 50, keys);
                assertView(sa, inserted);
            }
            ViewTasks.StateWrites after = tasks(a).stateWrites().get("spend/b0");
            long commits = after.commits() - before.commits();
            long perCommit = (after.bytes() - before.bytes()) / Math.max(1, commits);
            assertThat(commits).isGreaterThanOrEqualTo(12);
            assertThat(after.lastSnapshot()).isGreaterThan(2_000_000);
            // changes to groups near each other rewrite a chunk per column, not the whole snapshot
            assertThat(perCommit).as("bytes per commit over %d commits", commits)
                    .isLessThan(after.lastSnapshot() / 3);
        }
        try (Engine b = open("b"); Session sb = b.openSession()) { // restores every task from the state topic
            insert(sb, inserted, 200_000, 500, keys);
            assertView(sb, inserted);
            List<StateRestores.Restore> restores = tasks(b).restores();
            assertThat(restores).anyMatch(r -> r.task().contains("/b") && r.stateBytes() > 2_000_000);
            assertThat(restores).noneMatch(StateRestores.Restore::fromStandby);
        }
    }

    @Test
    void theSessionsStandbyReplicasGoWithAViewCreatedWithoutTheOption() {
        try (Engine e = Engines.open(EngineConfig.memory()); Session s = e.openSession()) {
            s.execute("CREATE STREAM bids (bidder BIGINT, price BIGINT)");
            s.execute("SET 'standby.replicas' = '2'");
            s.execute("CREATE MATERIALIZED VIEW spend AS SELECT bidder, COUNT(*) AS n FROM bids GROUP BY bidder");
            s.execute("CREATE MATERIALIZED VIEW own WITH ('standby.replicas' = '1') AS SELECT bidder, COUNT(*) AS n"
                    + " FROM bids GROUP BY bidder");
            Views views = ((RunnelEngine) e).views();
            assertThat(Views.standbyReplicas(views.view("spend").def)).isEqualTo(2);
            assertThat(Views.standbyReplicas(views.view("own").def)).isEqualTo(1); // the option wins
        }
    }

    @Test
    void aStandbyTakesATaskOverFromItsCopyWithoutReadingTheStateTopicAgain() {
        List<long[]> inserted = new ArrayList<>();
        Engine a = open("a");
        try (Session sa = a.openSession()) {
            sa.execute("CREATE STREAM bids (bidder BIGINT, price BIGINT) WITH (partitions = 2)");
            sa.execute("SET 'checkpoint.interval' = '200 ms'");
            sa.execute("CREATE MATERIALIZED VIEW spend WITH ('standby.replicas' = '1') AS SELECT bidder,"
                    + " COUNT(*) AS n, SUM(price) AS total FROM bids GROUP BY bidder");
            Engine b = open("b");
            try (Session sb = b.openSession()) {
                await("each engine runs a task", () -> !tasks(a).tasks().isEmpty() && !tasks(b).tasks().isEmpty());
                insert(sa, inserted, 0, 5_000, 3_000);
                assertView(sb, inserted);
                for (int round = 0; round < 5; round++) {
                    insert(sa, inserted, 5_000 + round * 100, 100, 3_000);
                    assertView(sa, inserted);
                }
                List<Integer> aHolds = tasks(a).tasks().stream().map(i -> i.name())
                        .map(n -> Integer.parseInt(n.substring(n.lastIndexOf('/') + 2))).distinct().toList();
                await("b is a standby of a's tasks " + aHolds, () -> tasks(b).standbyTasks().containsAll(aHolds)
                        && tasks(b).standbyBytes() > 0);
                List<Object[]> cluster = JobTest.rows(sb, "SHOW CLUSTER");
                assertThat(cluster.stream().map(r -> String.valueOf(r[8])).toList()) // view_tasks
                        .anyMatch(s -> s.contains("spend#" + aHolds.get(0) + " (standby)"));
                long total = stateRecords(b, 2);
                a.close(); // hands its tasks off: b takes them over from its standby copies
                insert(sb, inserted, 6_000, 300, 3_000);
                assertView(sb, inserted);
                List<StateRestores.Restore> taken = tasks(b).restores().stream()
                        .filter(r -> aHolds.stream().anyMatch(i -> r.task().endsWith("/a" + i) || r.task().endsWith(
                                "/b" + i))).toList();
                assertThat(taken).hasSize(2 * aHolds.size());
                assertThat(taken).allMatch(StateRestores.Restore::fromStandby);
                assertThat(taken).anyMatch(r -> r.stateBytes() > 10_000);
                // only the records appended since the copy last followed the partition
                assertThat(taken.stream().mapToLong(StateRestores.Restore::recordsRead).sum()).isLessThan(total / 2);
            } finally {
                b.close();
            }
        } finally {
            a.close(); // closed already: nothing more
        }
    }
}
