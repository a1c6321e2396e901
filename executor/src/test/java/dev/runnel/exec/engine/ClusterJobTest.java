package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.kafka.testing.KafkaBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Persistent jobs shared by the processes of a cluster as tasks: two engines in this JVM and one
 * in a child JVM ({@link ClusterChildMain}) run a job's tasks while input keeps arriving; the child
 * is SIGKILLed mid-stream (its open transactions are aborted when its tasks are taken over) and one
 * engine here is closed (a hand-off); the job's target, read committed, must equal the job's query
 * run over the whole input — no row lost, none written twice.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterJobTest {
    @TempDir
    Path dir;

    private final String namespace = KafkaBroker.uniqueNamespace("cjob");
    private final String cluster = namespace.substring(0, namespace.length() - 1);
    private final List<AutoCloseable> open = new ArrayList<>();

    private Engine engine(String name) {
        Engine e = Engines.open(EngineConfig.kafka(KafkaBackend.at(KafkaBroker.get().bootstrap()), dir.resolve(name))
                .withCluster(cluster));
        open.add(e);
        return e;
    }

    /** A process of the cluster in a child JVM, to be killed. */
    private Process child() throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                ClusterChildMain.class.getName(), KafkaBroker.get().bootstrap(), cluster, dir.resolve("child").toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        open.add(() -> p.destroyForcibly().waitFor(30, TimeUnit.SECONDS));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");
        return p;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static List<Object[]> rows(Engine e, String sql) {
        try (Session s = e.openSession()) {
            return JobTest.rows(s, sql);
        }
    }

    private static void exec(Engine e, String... sqls) {
        try (Session s = e.openSession()) {
            for (String sql : sqls) {
                s.execute(sql).close();
            }
        }
    }

    private static List<String> strings(List<Object[]> rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(Arrays.toString(r)));
        return out;
    }

    /** Waits until the child process holds some of job {@code job}'s tasks (SHOW CLUSTER says so). */
    private static void awaitTasksIn(Engine e, long pid, String job) throws InterruptedException {
        ClusterCatalogTest.eventually(() -> rows(e, "SHOW CLUSTER").stream().anyMatch(r -> Long.valueOf(pid).equals(r[3])
                && r[9] != null && ((String) r[9]).contains(job + "#")), "the child runs tasks of " + job);
    }

    /** Waits until {@code sql} (ordered) answers {@code want} in {@code e}, then checks it still does a little later. */
    private static void awaitEqual(Engine e, String sql, List<String> want) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        List<String> got = strings(rows(e, sql));
        while (!got.equals(want) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            got = strings(rows(e, sql));
        }
        assertThat(got).as(sql).isEqualTo(want);
        Thread.sleep(1500); // a late duplicate would show now
        assertThat(strings(rows(e, sql))).as(sql + ", later").isEqualTo(want);
    }

    private static String bids(int from, int n) {
        StringBuilder sql = new StringBuilder("INSERT INTO bids VALUES ");
        for (int i = from; i < from + n; i++) {
            sql.append(i == from ? "" : ", ").append('(').append(i).append(", ").append((i * 7L) % 23).append(", ")
                    .append(i % 11).append(')');
        }
        return sql.toString();
    }

    @Test
    void aStatelessJobRunsAsOneTaskPerPartitionAndWritesEveryRowOnceThroughAKillAndAClose() throws Exception {
        Engine a = engine("a");
        exec(a, "CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT) WITH (partitions = 6)",
                "CREATE STREAM big (auction BIGINT, bidder BIGINT, price BIGINT) WITH (partitions = 2)",
                "SET checkpoint.interval = '200ms'",
                "CREATE JOB big AS INSERT INTO big SELECT auction, bidder, price * 10 FROM bids WHERE price > 3");
        Engine b = engine("b");
        Process c = child();
        exec(a, bids(0, 200));
        awaitTasksIn(a, c.pid(), "big");
        exec(a, bids(200, 200));
        c.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // mid-transaction, perhaps: no hand-off
        exec(a, bids(400, 200));
        ClusterCatalogTest.eventually(() -> ((RunnelEngine) b).jobs().runningHere().contains("big"), "b runs tasks");
        b.close(); // a hand-off: its tasks commit and move to a
        open.remove(b);
        exec(a, bids(600, 200));
        List<String> want = strings(rows(a, "SELECT auction, bidder, price * 10 FROM bids WHERE price > 3"
                + " ORDER BY auction"));
        assertThat(want).hasSizeGreaterThan(400);
        awaitEqual(a, "SELECT auction, bidder, price FROM big ORDER BY auction", want);
        List<Object[]> jobs = rows(a, "SHOW JOBS");
        assertThat(jobs.get(0)[1]).isEqualTo("RUNNING");
        assertThat((String) jobs.get(0)[2]).contains("6 of its 6 tasks run here");
        assertThat(jobs.get(0)[5]).isEqualTo(0L); // lag: every source offset committed
        assertThat(a.log().topicExists("__job-big.tasks")).isTrue();
        exec(a, "DROP JOB big");
        assertThat(a.log().topicExists("__job-big.tasks")).isFalse();
        assertThat(a.log().topicExists("__job-big.state")).isFalse();
    }

    /** A {@code latest} job starts where the stream ended when it was created, though its tasks start later elsewhere. */
    @Test
    void aLatestJobStartsAtTheEndWhenItWasCreated() throws Exception {
        Engine a = engine("a");
        Engine b = engine("b");
        exec(a, "CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT) WITH (partitions = 3)",
                "CREATE STREAM copied (auction BIGINT) WITH (partitions = 3)", bids(0, 30),
                "SET scan.start = 'latest'", "SET checkpoint.interval = '200ms'",
                "CREATE JOB copy AS INSERT INTO copied SELECT auction FROM bids", bids(30, 30));
        exec(b, bids(60, 30));
        List<String> want = new ArrayList<>();
        for (long i = 30; i < 90; i++) {
            want.add("[" + i + "]");
        }
        awaitEqual(b, "SELECT auction FROM copied ORDER BY auction", want);
    }

    /** A cluster that closes and opens again continues its jobs' tasks from their committed state (an open window). */
    @Test
    void aJobContinuesFromItsCommittedStateWhenTheClusterOpensAgain() throws Exception {
        Engine a = engine("a");
        exec(a, "CREATE STREAM ticks (k BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (partitions = 2, key = 'k')",
                "CREATE STREAM hourly (window_start TIMESTAMP(3), k BIGINT, n BIGINT)",
                "SET checkpoint.interval = '200ms'",
                "CREATE JOB hours AS INSERT INTO hourly SELECT window_start, k, COUNT(*) AS n"
                        + " FROM TABLE(TUMBLE(TABLE ticks, DESCRIPTOR(ts), INTERVAL '1' HOUR))"
                        + " GROUP BY window_start, window_end, k",
                "INSERT INTO ticks VALUES (1, TIMESTAMP '2026-01-01 00:10:00'), (1, TIMESTAMP '2026-01-01 00:20:00'),"
                        + " (2, TIMESTAMP '2026-01-01 00:30:00')");
        ClusterCatalogTest.eventually(() -> rows(a, "SHOW JOBS").get(0)[5] != null
                && (Long) rows(a, "SHOW JOBS").get(0)[5] == 0L, "the job committed its input");
        a.close();
        open.remove(a);
        Engine again = engine("again");
        exec(again, "INSERT INTO ticks VALUES (1, TIMESTAMP '2026-01-01 00:40:00'),"
                + " (1, TIMESTAMP '2026-01-01 03:00:00'), (2, TIMESTAMP '2026-01-01 03:00:00')"); // closes hour 0
        awaitEqual(again, "SELECT k, n FROM hourly ORDER BY k", List.of("[1, 3]", "[2, 1]"));
    }

    private static final String WINDOWS = "SELECT window_start, auction, COUNT(*) AS n, SUM(price) AS total"
            + " FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '1' SECOND))"
            + " GROUP BY window_start, window_end, auction";
    private static final String TOTALS = "SELECT bidder, COUNT(*) AS n, SUM(price) AS total FROM bids GROUP BY bidder";

    private static String timedBids(int from, int n) {
        long base = 1_767_225_600_000L;
        StringBuilder sql = new StringBuilder("INSERT INTO bids VALUES ");
        for (int i = from; i < from + n; i++) {
            long ts = base + i * 17L - (i % 13 == 0 ? 900 : 0); // some rows late for their window
            sql.append(i == from ? "" : ", ").append('(').append(i % 10).append(", ").append(i % 7).append(", ")
                    .append(i % 50).append(", TIMESTAMP '").append(LocalDateTime.ofEpochSecond(ts / 1000,
                            (int) (ts % 1000) * 1_000_000, ZoneOffset.UTC).toString().replace('T', ' ')).append("')");
        }
        return sql.toString();
    }

    /**
     * A window job into a stream and a GROUP BY job into an upsert table, each cut in two stages
     * with a repartition topic between them: through a kill and a close, the window stream holds
     * each closed window once and the table each bidder's exact totals.
     */
    @Test
    void keyedJobsRunInTwoStagesAndLoseAndRepeatNothingThroughAKillAndAClose() throws Exception {
        Engine a = engine("a");
        exec(a, "CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, ts TIMESTAMP(3),"
                        + " WATERMARK FOR ts AS ts - INTERVAL '0.5' SECOND) WITH (partitions = 4, key = 'auction')",
                "CREATE STREAM windows (window_start TIMESTAMP(3), auction BIGINT, n BIGINT, total BIGINT)"
                        + " WITH (partitions = 2)",
                "CREATE TABLE totals (bidder BIGINT PRIMARY KEY, n BIGINT, total BIGINT) WITH (partitions = 3)",
                "SET checkpoint.interval = '300ms'",
                "CREATE JOB w AS INSERT INTO windows " + WINDOWS,
                "CREATE JOB t AS INSERT INTO totals " + TOTALS);
        Engine b = engine("b");
        Process c = child();
        exec(a, timedBids(0, 200));
        awaitTasksIn(a, c.pid(), "w");
        exec(a, timedBids(200, 200));
        exec(b, timedBids(400, 200));
        c.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        exec(a, timedBids(600, 200));
        ClusterCatalogTest.eventually(() -> !((RunnelEngine) b).jobs().runningHere().isEmpty(), "b runs tasks");
        b.close();
        open.remove(b);
        exec(a, timedBids(800, 200));
        StringBuilder far = new StringBuilder("INSERT INTO bids VALUES ");
        for (int k = 0; k < 10; k++) { // every auction, so every partition, far ahead: closes every window
            far.append(k == 0 ? "" : ", ").append('(').append(k).append(", 0, 0, TIMESTAMP '2027-01-01 00:00:00')");
        }
        exec(a, far.toString());
        List<String> windows = strings(rows(a, "SELECT * FROM (" + WINDOWS + ") AS q"
                + " WHERE window_start < TIMESTAMP '2027-01-01 00:00:00' ORDER BY window_start, auction"));
        assertThat(windows).hasSizeGreaterThan(100);
        awaitEqual(a, "SELECT * FROM windows ORDER BY window_start, auction", windows);
        List<String> totals = strings(rows(a, TOTALS + " ORDER BY bidder"));
        awaitEqual(a, "SELECT * FROM totals ORDER BY bidder", totals);
        List<Object[]> cluster = rows(a, "SHOW CLUSTER");
        assertThat(cluster).hasSize(1);
        assertThat((String) cluster.get(0)[7]).isEqualTo("w, t");
        assertThat((String) cluster.get(0)[9]).contains("w#0 (lag 0)", "t#3 (lag 0)");
        exec(a, "STOP JOB w");
        assertThat(((RunnelEngine) a).jobs().runningHere()).containsExactly("t");
        assertThat(rows(a, "SHOW JOBS")).filteredOn(r -> r[0].equals("w")).extracting(r -> r[1])
                .containsExactly("STOPPED");
    }
}
