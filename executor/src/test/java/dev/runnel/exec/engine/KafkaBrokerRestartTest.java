package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.log.kafka.testing.KafkaBroker;
import dev.runnel.sql.RunnelSqlException;
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
 * An engine on a Kafka broker that stops and starts again mid-job (same ports, same data; a broker
 * of the test's own): INSERTs and pull queries while it is down fail with 08006 within the bounded
 * request time, and the INSERTs write nothing; a persistent job and a materialized view over the stream keep running through the
 * outage (longer than a request timeout, so their reads and the job's commits do fail meanwhile)
 * and end with the rows they would have had without it: the job's target has every row once.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class KafkaBrokerRestartTest {
    private static final long REQUEST_TIMEOUT_MS = 1_000;

    @TempDir
    Path dir;

    @Test
    void aJobAndAViewOutliveABrokerRestartExactlyOnceAndInsertsMeanwhileFailWith08006() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startPrivate()) {
            EngineConfig config = EngineConfig.kafka(KafkaBackend.at(broker.bootstrap()).withNamespace("restart.")
                    .withRequestTimeout(REQUEST_TIMEOUT_MS), dir);
            try (Engine engine = Engines.open(config); Session s = engine.openSession()) {
                JobTest.createStreams(s);
                s.execute("SET 'checkpoint.interval' = '200 ms'");
                s.execute("CREATE JOB big_bids AS INSERT INTO big SELECT auction, price FROM bids WHERE MOD(price, 3) = 0");
                s.execute("CREATE MATERIALIZED VIEW totals AS SELECT auction, COUNT(*) AS n, SUM(price) AS total"
                        + " FROM bids GROUP BY auction");
                JobTest.insert(s, 0, 60);
                JobTest.eventually(() -> settled(s, 60));

                broker.stop();
                long start = System.nanoTime();
                RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                        () -> s.execute("INSERT INTO bids VALUES (99, 999, TIMESTAMP '2026-01-01 00:00:00')"));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(e.sqlState()).isEqualTo("08006");
                assertThat(e.getMessage()).contains("Kafka at " + broker.bootstrap())
                        .contains("nothing it wrote is reported written");
                assertThat(millis).as("the INSERT fails within twice the request timeout and a second").isLessThan(
                        3 * REQUEST_TIMEOUT_MS + 2_000);
                RunnelSqlException pull = catchThrowableOfType(RunnelSqlException.class,
                        () -> JobTest.rows(s, "SELECT COUNT(*) FROM bids"));
                assertThat(pull.sqlState()).isEqualTo("08006");
                Thread.sleep(3 * REQUEST_TIMEOUT_MS); // reads and commits time out meanwhile
                broker.start();

                for (int from = 60; from < 120; from += 20) {
                    JobTest.insert(s, from, from + 20);
                }
                JobTest.eventually(() -> settled(s, 120));
                assertThat(JobTest.job(s, "big_bids").get("state")).isEqualTo("RUNNING");
                Thread.sleep(500); // a duplicate from a restart would show now
                assertThat(JobTest.prices(s, "big")).isEqualTo(JobTest.expectedBig(120));
                // every acknowledged INSERT is there, the refused one is not
                assertThat(JobTest.rows(s, "SELECT COUNT(*), MAX(price) FROM bids").get(0)).containsExactly(120L, 119L);
            }
        }
    }

    @Test
    void anEngineStartedBeforeItsBrokerRetriesWithBackOffAndOpensWhenTheBrokerComes() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startPrivate()) {
            broker.stop();
            EngineConfig config = EngineConfig.kafka(KafkaBackend.at(broker.bootstrap()).withNamespace("late.")
                    .withConnectRetries(20, 100, 500), dir);
            java.util.concurrent.CompletableFuture<Engine> opening = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> Engines.open(config));
            Thread.sleep(1_500);
            assertThat(opening).as("still trying while the broker is down").isNotDone();
            broker.start();
            try (Engine engine = opening.get(60, TimeUnit.SECONDS); Session s = engine.openSession()) {
                JobTest.createStreams(s);
                JobTest.insert(s, 0, 10);
                assertThat(JobTest.rows(s, "SELECT COUNT(*) FROM bids").get(0)).containsExactly(10L);
            }
        }
    }

    /** Whether the job's target and the view hold exactly what the first {@code n} bids give. */
    private static boolean settled(Session s, int n) {
        if (!JobTest.prices(s, "big").equals(JobTest.expectedBig(n))) {
            return false;
        }
        return totals(s).equals(expectedTotals(n));
    }

    private static Map<Long, List<Long>> totals(Session s) {
        Map<Long, List<Long>> out = new TreeMap<>();
        for (Object[] r : JobTest.rows(s, "SELECT auction, n, total FROM totals")) {
            out.put((Long) r[0], List.of((Long) r[1], ((Number) r[2]).longValue()));
        }
        return out;
    }

    /** Bid i is auction i % 7 at price i ({@link JobTest#insert}). */
    private static Map<Long, List<Long>> expectedTotals(int n) {
        Map<Long, long[]> m = new TreeMap<>();
        for (long i = 0; i < n; i++) {
            long[] a = m.computeIfAbsent(i % 7, k -> new long[2]);
            a[0]++;
            a[1] += i;
        }
        Map<Long, List<Long>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, new ArrayList<>(List.of(v[0], v[1]))));
        return out;
    }
}
