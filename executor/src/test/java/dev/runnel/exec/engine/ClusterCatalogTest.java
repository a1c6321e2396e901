package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.log.kafka.testing.KafkaBroker;
import dev.runnel.sql.RunnelSqlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several engines of one cluster in one JVM, each with its own data directory, sharing one catalog
 * through a real (in-process) Kafka broker: what one does, the others see; two at once, one wins;
 * a job runs in one of them and moves when that one closes; SHOW CLUSTER lists them.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterCatalogTest {
    @TempDir
    Path dir;

    private final String cluster = trimDot(KafkaBroker.uniqueNamespace("cluster"));
    private final List<Engine> open = new ArrayList<>();
    private int opened;

    private static String trimDot(String ns) {
        return ns.substring(0, ns.length() - 1);
    }

    private Engine process() {
        EngineConfig config = EngineConfig.kafka(KafkaBackend.at(KafkaBroker.get().bootstrap()),
                dir.resolve("p" + opened++)).withCluster(cluster);
        Engine e = Engines.open(config);
        open.add(e);
        return e;
    }

    @AfterEach
    void closeAll() {
        open.forEach(Engine::close);
    }

    static void eventually(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Runs statements in one session; returns the last one's message. */
    private static Object exec(Engine e, String... sqls) {
        Object last = null;
        try (Session s = e.openSession()) {
            for (String sql : sqls) {
                StatementResult r = s.execute(sql);
                last = r instanceof UpdateResult u ? u.message() : null;
                r.close();
            }
        }
        return last;
    }

    private static List<Object[]> rows(Engine e, String sql) {
        try (Session s = e.openSession()) {
            return JobTest.rows(s, sql);
        }
    }

    @Test
    void ddlInOneProcessAppearsAndDisappearsInTheOthersWithinASecondOrSo() throws Exception {
        Engine a = process();
        Engine b = process();
        Engine c = process();
        exec(a, "CREATE STREAM bids (auction BIGINT, price BIGINT) WITH (partitions = 2)");
        exec(b, "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR)");
        for (Engine e : List.of(a, b, c)) {
            eventually(() -> e.catalog().find("bids").isPresent() && e.catalog().find("users").isPresent(),
                    "every process knows bids and users");
        }
        exec(c, "INSERT INTO bids VALUES (1, 10), (2, 20)");
        assertThat(rows(a, "SELECT COUNT(*) FROM bids").get(0)[0]).isEqualTo(2L);
        exec(c, "DROP STREAM bids");
        eventually(() -> a.catalog().find("bids").isEmpty() && b.catalog().find("bids").isEmpty(),
                "the drop reached every process");
        assertThat(c.log().topicExists("bids")).isFalse();
        assertThatThrownBy(() -> exec(a, "SELECT * FROM bids")).isInstanceOf(RunnelSqlException.class)
                .extracting(t -> ((RunnelSqlException) t).sqlState()).isEqualTo("42S02");
        // a create here is applied once: recreating the name works, and a late process replays the same
        exec(a, "CREATE STREAM bids (auction BIGINT, price BIGINT, bidder VARCHAR)");
        eventually(() -> b.catalog().find("bids").map(r -> r.columns().size() == 3).orElse(false), "b sees the new bids");
        Engine d = process();
        assertThat(d.catalog().find("bids").orElseThrow().columns()).hasSize(3);
        assertThat(d.catalog().find("users")).isPresent();
    }

    @Test
    void aViewCreatedInOneProcessRunsAndAnswersInAnotherAndStopsThereWhenDropped() throws Exception {
        Engine a = process();
        Engine b = process();
        exec(a, "CREATE STREAM bids (auction BIGINT, price BIGINT)");
        exec(a, "INSERT INTO bids VALUES (1, 10), (1, 11), (2, 20)");
        exec(a, "CREATE MATERIALIZED VIEW totals AS SELECT auction, SUM(price) AS total FROM bids GROUP BY auction");
        eventually(() -> ((RunnelEngine) b).views().all().stream().anyMatch(v -> v.def.name().equals("totals")),
                "b runs totals");
        exec(b, "INSERT INTO bids VALUES (2, 5)");
        List<Object[]> totals = rows(b, "SELECT auction, total FROM totals ORDER BY auction");
        assertThat(totals).extracting(r -> r[0] + "=" + r[1]).containsExactly("1=21", "2=25");
        assertThat(rows(a, "SELECT total FROM totals WHERE auction = 2").get(0)[0]).isEqualTo(25L);
        exec(b, "DROP MATERIALIZED VIEW totals");
        eventually(() -> ((RunnelEngine) a).views().all().isEmpty(), "a stopped totals");
        assertThat(a.catalog().find("totals")).isEmpty();
    }

    private static final int ROUNDS = 12;

    @Test
    void twoProcessesCreatingOneNameAtOnceLeaveExactlyOneWinnerAndNothingOfTheLoser() throws Exception {
        Engine a = process();
        Engine b = process();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String name = "s" + round;
                CountDownLatch go = new CountDownLatch(1);
                Callable<Object> fromA = () -> {
                    go.await();
                    return exec(a, "CREATE STREAM " + name + " (a_col BIGINT) WITH (partitions = 1)");
                };
                Callable<Object> fromB = () -> {
                    go.await();
                    return exec(b, "CREATE STREAM " + name + " (b_col VARCHAR, other BIGINT) WITH (partitions = 1)");
                };
                Future<Object> fa = pool.submit(fromA);
                Future<Object> fb = pool.submit(fromB);
                go.countDown();
                List<String> failures = new ArrayList<>();
                int wins = 0;
                for (Future<Object> f : List.of(fa, fb)) {
                    try {
                        f.get(60, TimeUnit.SECONDS);
                        wins++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(RunnelSqlException.class);
                        failures.add(((RunnelSqlException) e.getCause()).sqlState());
                    }
                }
                assertThat(wins).as("round " + round).isEqualTo(1);
                assertThat(failures).containsExactly("42S01");
                int columns = a.catalog().find(name).orElseThrow().columns().size();
                eventually(() -> b.catalog().find(name).map(r -> r.columns().size() == columns).orElse(false),
                        "both processes hold the winner's " + name);
            }
            // the topic is the winner's, and a process opened now replays the same catalog
            Engine c = process();
            for (int round = 0; round < ROUNDS; round++) {
                String name = "s" + round;
                assertThat(c.catalog().find(name)).isEqualTo(a.catalog().find(name));
                exec(c, "INSERT INTO " + name + " VALUES (" + (c.catalog().find(name).get().columns().size() == 1
                        ? "1" : "'x', 1") + ")");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoProcessesCreatingOneJobAtOnceLeaveOneJob() throws Exception {
        Engine a = process();
        Engine b = process();
        exec(a, "CREATE STREAM src (v BIGINT)");
        exec(a, "CREATE STREAM out1 (v BIGINT)");
        exec(a, "CREATE STREAM out2 (v BIGINT)");
        eventually(() -> b.catalog().find("out2").isPresent(), "b knows the streams");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Object> fa = pool.submit(() -> {
                go.await();
                return exec(a, "CREATE JOB copy AS INSERT INTO out1 SELECT v FROM src");
            });
            Future<Object> fb = pool.submit(() -> {
                go.await();
                return exec(b, "CREATE JOB copy AS INSERT INTO out2 SELECT v FROM src");
            });
            go.countDown();
            int wins = 0;
            for (Future<Object> f : List.of(fa, fb)) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                    wins++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(((RunnelSqlException) e.getCause()).sqlState()).isEqualTo("42710");
                }
            }
            assertThat(wins).isEqualTo(1);
            String sql = ((RunnelEngine) a).catalogStore().job("copy").orElseThrow().sql();
            eventually(() -> ((RunnelEngine) b).catalogStore().job("copy").map(j -> j.sql().equals(sql)).orElse(false),
                    "both processes hold the winning job");
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean runs(Engine e, String job) {
        return ((RunnelEngine) e).jobs().runningHere().contains(job);
    }

    /**
     * A job that moves keeps its state: its checkpoints live in Kafka, so the process taking it over
     * continues an open window where the first left it (from committed offsets alone it would count
     * only the rows after the move), and writes nothing twice.
     */
    /** Two deployments never share one catalog: a standalone process or another cluster on a cluster's namespace is refused. */
    @Test
    void aClustersNamespaceRefusesAStandaloneProcessAndAnotherCluster() {
        Engine a = process();
        exec(a, "CREATE STREAM kept (v BIGINT)");
        String ns = cluster + ".";
        EngineConfig standalone = EngineConfig.kafka(KafkaBackend.at(KafkaBroker.get().bootstrap()).withNamespace(ns),
                dir.resolve("standalone"));
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class, () -> Engines.open(standalone));
        assertThat(e.sqlState()).isEqualTo("08001");
        assertThat(e.getMessage()).contains("belongs to cluster " + cluster, "--cluster " + cluster);
        RunnelSqlException other = catchThrowableOfType(RunnelSqlException.class,
                () -> Engines.open(standalone.withCluster("another")));
        assertThat(other.sqlState()).isEqualTo("08001");
        assertThat(other.getMessage()).contains("already belongs to cluster " + cluster + ", not another");
        assertThat(rows(a, "SHOW STREAMS")).hasSize(1); // nothing changed
    }

    @Test
    void aJobThatMovesContinuesFromItsCheckpointInKafka() throws Exception {
        Engine a = process();
        Engine b = process();
        exec(a, "CREATE STREAM ticks (k BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (partitions = 2)");
        exec(a, "CREATE STREAM hourly (window_start TIMESTAMP(3), k BIGINT, n BIGINT)");
        exec(b, "SET checkpoint.interval = '200ms'", "CREATE JOB hours AS INSERT INTO hourly SELECT window_start, k,"
                + " COUNT(*) AS n FROM TABLE(TUMBLE(TABLE ticks, DESCRIPTOR(ts), INTERVAL '1' HOUR))"
                + " GROUP BY window_start, window_end, k");
        eventually(() -> runs(a, "hours") || runs(b, "hours"), "one process runs the job");
        exec(a, "INSERT INTO ticks VALUES (1, TIMESTAMP '2026-01-01 00:10:00'), (1, TIMESTAMP '2026-01-01 00:20:00'),"
                + " (2, TIMESTAMP '2026-01-01 00:30:00')");
        Engine owner = runs(a, "hours") ? a : b;
        Engine other = owner == a ? b : a;
        eventually(() -> ((RunnelEngine) owner).catalogStore().job("hours").isPresent()
                && ((Long) rows(owner, "SELECT COUNT(*) FROM ticks").get(0)[0]) == 3, "the rows are in");
        Thread.sleep(1000); // a few checkpoints of the open window
        owner.close();
        open.remove(owner);
        eventually(() -> runs(other, "hours"), "the other process took the job over");
        exec(other, "INSERT INTO ticks VALUES (1, TIMESTAMP '2026-01-01 00:40:00'),"
                + " (1, TIMESTAMP '2026-01-01 03:00:00'), (2, TIMESTAMP '2026-01-01 03:00:00')"); // closes hour 0
        eventually(() -> (Long) rows(other, "SELECT COUNT(*) FROM hourly").get(0)[0] >= 2, "hour 0 fired");
        Thread.sleep(500);
        assertThat(rows(other, "SELECT k, n FROM hourly ORDER BY k")).extracting(r -> r[0] + ":" + r[1])
                .containsExactly("1:3", "2:1");
    }

    @Test
    void aJobRunsInExactlyOneProcessAndMovesToAnotherWhenItsProcessCloses() throws Exception {
        Engine a = process();
        Engine b = process();
        exec(a, "CREATE STREAM src (v BIGINT)");
        exec(a, "CREATE STREAM dst (v BIGINT)");
        exec(b, "SET checkpoint.interval = '200ms'", "CREATE JOB copy AS INSERT INTO dst SELECT v FROM src");
        eventually(() -> runs(a, "copy") || runs(b, "copy"), "one process runs the job");
        Thread.sleep(1500); // long enough for a second owner to show up, were there one
        assertThat(runs(a, "copy") ^ runs(b, "copy")).as("exactly one process runs it").isTrue();
        exec(a, "INSERT INTO src VALUES (1), (2), (3)");
        eventually(() -> (Long) rows(a, "SELECT COUNT(*) FROM dst").get(0)[0] == 3, "the job copied 3 rows");
        Engine owner = runs(a, "copy") ? a : b;
        Engine other = owner == a ? b : a;
        String ownerJobs = (String) rows(other, "SHOW JOBS").get(0)[1];
        assertThat(ownerJobs).isEqualTo("REMOTE");
        owner.close();
        open.remove(owner);
        eventually(() -> runs(other, "copy"), "the other process took the job over");
        exec(other, "INSERT INTO src VALUES (4), (5)");
        eventually(() -> (Long) rows(other, "SELECT COUNT(*) FROM dst").get(0)[0] >= 5, "the job copies on");
        assertThat(rows(other, "SELECT v FROM dst ORDER BY v")).extracting(r -> r[0]).contains(1L, 2L, 3L, 4L, 5L);
        exec(other, "STOP JOB copy");
        assertThat(runs(other, "copy")).isFalse();
        Engine late = process(); // a process that joins later does not start a stopped job
        Thread.sleep(1000);
        assertThat(runs(late, "copy")).isFalse();
        exec(late, "DROP JOB copy");
        eventually(() -> ((RunnelEngine) other).catalogStore().job("copy").isEmpty(), "the drop reached the other");
    }

    @Test
    void showClusterListsEveryLiveProcessAndTheJobsItRuns() throws Exception {
        Engine a = process();
        Engine b = process();
        Engine c = process();
        c.serving(8799);
        exec(a, "CREATE STREAM src (v BIGINT)");
        exec(a, "CREATE STREAM dst (v BIGINT)");
        exec(a, "CREATE JOB copy AS INSERT INTO dst SELECT v FROM src");
        exec(b, "CREATE MATERIALIZED VIEW counts AS SELECT v, COUNT(*) AS n FROM src GROUP BY v");
        eventually(() -> rows(a, "SHOW CLUSTER").size() == 3, "three processes listed");
        exec(a, "INSERT INTO src VALUES (1), (2), (2)");
        eventually(() -> rows(c, "SHOW CLUSTER").stream().filter(r -> "counts#0 (lag 0)".equals(r[8])).count() == 1,
                "the view's one task listed with the process that runs it, caught up");
        eventually(() -> rows(b, "SHOW CLUSTER").stream().filter(r -> "copy".equals(r[7])).count() == 1,
                "the job's owner listed with it");
        List<Object[]> shown = rows(b, "SHOW CLUSTER");
        assertThat(shown).allSatisfy(r -> {
            assertThat(r[0]).isEqualTo(cluster);
            assertThat(r[3]).isEqualTo(ProcessHandle.current().pid());
        });
        assertThat(shown).filteredOn(r -> Boolean.TRUE.equals(r[6])).hasSize(1);
        eventually(() -> rows(a, "SHOW CLUSTER").stream().anyMatch(r -> Integer.valueOf(8799).equals(r[4])),
                "c's JDBC port listed");
        c.close();
        open.remove(c);
        eventually(() -> rows(a, "SHOW CLUSTER").size() == 2, "two processes left");
    }

    @Test
    void aStandaloneEngineShowsItselfAsItsOnlyProcess() {
        try (Engine e = Engines.open(EngineConfig.memory())) {
            List<Object[]> shown = rows(e, "SHOW CLUSTER");
            assertThat(shown).hasSize(1);
            assertThat(shown.get(0)[0]).isNull();
            assertThat(shown.get(0)[3]).isEqualTo(ProcessHandle.current().pid());
            assertThat(shown.get(0)[6]).isEqualTo(true);
        }
    }

    @Test
    void aClusterNeedsKafkaAndAKafkaLegalName() {
        assertThatThrownBy(() -> EngineConfig.memory().withCluster("demo")).isInstanceOf(RunnelSqlException.class)
                .hasMessageContaining("needs the log on Kafka")
                .extracting(t -> ((RunnelSqlException) t).sqlState()).isEqualTo("08001");
        EngineConfig kafka = EngineConfig.kafka(KafkaBackend.at("127.0.0.1:9"), null);
        for (String bad : List.of("", "a b", "x/y", "..", "é")) {
            assertThatThrownBy(() -> kafka.withCluster(bad)).isInstanceOf(RunnelSqlException.class)
                    .hasMessageContaining("bad cluster name");
        }
        assertThat(kafka.withCluster("demo").kafka().namespace()).isEqualTo("demo.");
        assertThat(kafka.withCluster("demo").cluster()).contains("demo");
        EngineConfig named = EngineConfig.kafka(KafkaBackend.at("127.0.0.1:9").withNamespace("prod-"), null);
        assertThat(named.withCluster("demo").kafka().namespace()).isEqualTo("prod-");
    }
}
