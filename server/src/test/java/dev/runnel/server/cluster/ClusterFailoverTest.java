package dev.runnel.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.kafka.KafkaLogStore;
import dev.runnel.log.kafka.KafkaStoreOptions;
import dev.runnel.log.kafka.testing.KafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail-over of a view shared by three Runnel processes (child JVMs serving JDBC, one in-process
 * Kafka broker): a GROUP BY view over a 12-partition stream (split in two stages through a
 * repartition topic, tasks committing every 200 ms) while input keeps arriving through one of
 * them. The other two are killed with SIGKILL at three different moments — while the tasks are
 * first being split, in the middle of the input, and near its end — and started again; then one is
 * stopped gracefully (SIGTERM), handing its tasks over at once. After each kill, Kafka must hand
 * the dead process's tasks to the living within 30 s (10 s after SIGTERM); when the input ends the
 * view, read through every process, must equal the crash-free answer: nothing lost, nothing
 * counted twice.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClusterFailoverTest {
    private static final long TOTAL = 9_000;
    private static final int CHUNK = 150;
    private static final String QUERY = "SELECT g, COUNT(*) AS n, SUM(v) AS total FROM events WHERE v <> 7 GROUP BY g";

    @TempDir
    Path dir;

    private final String namespace = KafkaBroker.uniqueNamespace("failover");
    private final String cluster = "fo";

    /** A child process and the JDBC URL it serves. */
    private record Node(Process process, String url) {}

    static String row(long i) {
        return "(" + (i % 97) + ", " + (i * 13 % 40) + ", " + (i % 101) + ")";
    }

    @Test
    void aViewSharedByThreeProcessesSurvivesSigkillsWithNothingLostOrCountedTwice() throws Exception {
        Node[] nodes = new Node[3];
        nodes[0] = start(0);
        try (Connection c = DriverManager.getConnection(nodes[0].url()); Statement s = c.createStatement()) {
            s.execute("CREATE STREAM events (k BIGINT, g BIGINT, v BIGINT) WITH (partitions = 12, key = 'k')");
            s.execute("SET checkpoint.interval = '200ms'"); // many commits: kills land inside some
            s.execute("CREATE MATERIALIZED VIEW totals AS " + QUERY);
        }
        nodes[1] = start(1);
        nodes[2] = start(2);
        AtomicLong appended = new AtomicLong();
        AtomicReference<Throwable> appendFailure = new AtomicReference<>();
        Thread appender = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(nodes[0].url()); Statement s = c.createStatement()) {
                for (long next = 0; next < TOTAL; ) {
                    long end = Math.min(TOTAL, next + CHUNK);
                    StringBuilder sql = new StringBuilder("INSERT INTO events VALUES ");
                    for (long i = next; i < end; i++) {
                        sql.append(i == next ? "" : ", ").append(row(i));
                    }
                    s.execute(sql.toString());
                    next = end;
                    appended.set(next);
                    Thread.sleep(40); // input keeps arriving over the whole test
                }
            } catch (Throwable t) {
                appendFailure.set(t);
            }
        }, "appender");
        appender.start();
        try (KafkaLogStore kafka = KafkaLogStore.open(KafkaStoreOptions.of(KafkaBroker.get().bootstrap())
                .withNamespace(namespace))) {
            // kill 1: as soon as input flows, while the tasks are first being split
            awaitAppended(appended, CHUNK);
            killAndAwaitTakeOver(kafka, nodes, 1);
            nodes[1] = start(1);
            // kill 2: in the middle of the input
            awaitAppended(appended, TOTAL / 2);
            killAndAwaitTakeOver(kafka, nodes, 2);
            nodes[2] = start(2);
            // kill 3: near the end of the input
            awaitAppended(appended, TOTAL * 4 / 5);
            killAndAwaitTakeOver(kafka, nodes, 1);
            nodes[1] = start(1);
            // a graceful stop (SIGTERM) hands the tasks over at once: no session to time out
            awaitAppended(appended, TOTAL * 9 / 10);
            stopAndAwaitTakeOver(kafka, nodes, 2, false, 10);
            nodes[2] = start(2);
            appender.join(TimeUnit.MINUTES.toMillis(5));
            assertThat(appendFailure.get()).as("the appender").isNull();
            assertThat(appended.get()).isEqualTo(TOTAL);

            List<String> expected = expected();
            for (Node n : nodes) {
                try (Connection c = DriverManager.getConnection(n.url()); Statement s = c.createStatement()) {
                    assertThat(rows(s, "SELECT COUNT(*) FROM events")).containsExactly(Long.toString(TOTAL));
                    assertThat(rows(s, QUERY + " ORDER BY g")).as("the query over the whole input").isEqualTo(expected);
                    assertThat(awaitView(s, expected)).as("the view read through " + n.url()).isEqualTo(expected);
                }
            }
        } finally {
            for (Node n : nodes) {
                if (n != null) {
                    n.process().destroy();
                }
            }
            for (Node n : nodes) {
                if (n != null) {
                    n.process().waitFor(30, TimeUnit.SECONDS);
                    n.process().destroyForcibly();
                }
            }
        }
    }

    /** The crash-free answer, computed here: g, count, sum over rows with v <> 7. */
    private static List<String> expected() {
        Map<Long, long[]> m = new TreeMap<>();
        for (long i = 0; i < TOTAL; i++) {
            long g = i * 13 % 40;
            long v = i % 101;
            if (v != 7) {
                long[] a = m.computeIfAbsent(g, x -> new long[2]);
                a[0]++;
                a[1] += v;
            }
        }
        List<String> out = new ArrayList<>();
        m.forEach((g, a) -> out.add(g + "|" + a[0] + "|" + a[1]));
        return out;
    }

    /** The view's rows once they equal {@code expected} (or the last seen after 90 s). */
    private static List<String> awaitView(Statement s, List<String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        List<String> got;
        do {
            got = rows(s, "SELECT g, n, total FROM totals ORDER BY g");
            if (got.equals(expected)) {
                return got;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return got;
    }

    private static void awaitAppended(AtomicLong appended, long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (appended.get() < n) {
            assertThat(System.nanoTime()).as("input reached row " + n).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /**
     * SIGKILLs node {@code i}, then waits until Kafka has given every task to the living processes
     * (no member of the dead one left in the view's group, all 12 tasks assigned): within 30 s.
     */
    private void killAndAwaitTakeOver(KafkaLogStore kafka, Node[] nodes, int i) throws Exception {
        stopAndAwaitTakeOver(kafka, nodes, i, true, 30);
    }

    /** Stops node {@code i} (SIGKILL if {@code kill}, else SIGTERM) and waits until its tasks run elsewhere: within {@code seconds}. */
    private void stopAndAwaitTakeOver(KafkaLogStore kafka, Node[] nodes, int i, boolean kill, int seconds)
            throws Exception {
        long pid = nodes[i].process().pid();
        if (kill) {
            nodes[i].process().destroyForcibly();
        } else {
            nodes[i].process().destroy();
        }
        assertThat(nodes[i].process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        long killed = System.nanoTime();
        while (true) {
            Set<String> owners = new TreeSet<>();
            int assigned = 0;
            boolean deadMember = false;
            try {
                ConsumerGroups.GroupDescription g = kafka.groups().describe("view-totals");
                for (ConsumerGroups.MemberInfo m : g.members()) {
                    deadMember |= m.memberId().contains("-" + pid + "-");
                    assigned += m.assignment().size();
                    if (!m.assignment().isEmpty()) {
                        owners.add(m.memberId());
                    }
                }
            } catch (RuntimeException e) {
                // the group is between generations
            }
            if (!deadMember && assigned == 12) {
                break;
            }
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed))
                    .as("seconds until the tasks of " + (kill ? "killed" : "stopped") + " process " + pid
                            + " ran elsewhere").isLessThan(seconds);
            Thread.sleep(100);
        }
    }

    private Node start(int i) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                ClusterNode.class.getName(), KafkaBroker.get().bootstrap(), namespace, cluster,
                dir.resolve("node-" + i).toString());
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path logs = Path.of("target", "cluster-failover"); // kept after the test, for a failure's post-mortem
        Files.createDirectories(logs);
        return new Node(p, awaitUrl(p, logs.resolve(namespace + "node-" + i + ".err")));
    }

    /** Reads the child's stderr until it says where it serves (and keeps draining it into {@code log}). */
    private static String awaitUrl(Process p, Path log) throws Exception {
        AtomicReference<String> url = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                    int at = line.indexOf("serving at ");
                    if (at >= 0) {
                        url.set(line.substring(at + "serving at ".length()).trim());
                    }
                }
            } catch (IOException e) {
                // killed
            }
        }, "node-stderr");
        t.setDaemon(true);
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (url.get() == null) {
            if (!p.isAlive()) {
                throw new AssertionError("a cluster node exited with " + p.exitValue() + ": "
                        + (Files.exists(log) ? Files.readString(log) : ""));
            }
            assertThat(System.nanoTime()).as("node up within 120 s").isLessThan(deadline);
            Thread.sleep(10);
        }
        return url.get();
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int c = 1; c <= n; c++) {
                    b.append(c > 1 ? "|" : "").append(rs.getString(c));
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
