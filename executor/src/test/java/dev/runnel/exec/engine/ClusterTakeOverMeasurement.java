package dev.runnel.exec.engine;

import dev.runnel.exec.cluster.StateRestores;
import dev.runnel.exec.cluster.ViewTasks;
import dev.runnel.log.kafka.testing.KafkaBroker;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: the take-over measurement of docs/benchmarks.md "Standby replicas". A one-task view
 * (GROUP BY over a 1-partition stream) with tens of MB of state, two engines; the holder closes and
 * the time until the other runs the task with its state restored is measured, without and with a
 * standby. Run with {@code -Dtest=ClusterTakeOverMeasurement -Drunnel.measure=true} (about 3 minutes).
 */
@EnabledIfSystemProperty(named = "runnel.measure", matches = "true")
class ClusterTakeOverMeasurement {
    private static final int KEYS = Integer.getInteger("runnel.measure.keys", 300_000);

    @TempDir
    Path dir;

    @Test
    void takeOverWithAndWithoutAStandby() throws Exception {
        Path csv = dir.resolve("bids.csv");
        try (Writer w = Files.newBufferedWriter(csv)) {
            for (int i = 0; i < KEYS; i++) {
                w.write("bidder-" + i + "-" + "x".repeat(40) + "," + (i % 97) + "\n");
            }
        }
        for (int replicas : new int[] {0, 1}) {
            run(replicas, csv);
        }
    }

    private void run(int replicas, Path csv) throws IOException {
        String ns = KafkaBroker.uniqueNamespace("takeover");
        Engine a = open(ns, "a" + replicas);
        Engine b = open(ns, "b" + replicas);
        try (Session sa = a.openSession()) {
            sa.execute("CREATE STREAM bids (bidder VARCHAR, price BIGINT) WITH (partitions = 1)");
            sa.execute("CREATE MATERIALIZED VIEW spend WITH ('standby.replicas' = '" + replicas + "') AS SELECT"
                    + " bidder, COUNT(*) AS n, SUM(price) AS total FROM bids GROUP BY bidder");
            long t0 = System.nanoTime();
            sa.execute("COPY bids FROM '" + csv + "' WITH (format = 'csv')");
            awaitKeys(a);
            awaitKeys(b);
            System.out.printf("MEASURE loaded %d keys in %.1f s%n", KEYS, (System.nanoTime() - t0) / 1e9);
            Engine holder = tasks(a).tasks().isEmpty() ? b : a;
            Engine other = holder == a ? b : a;
            if (replicas > 0) {
                long until = System.currentTimeMillis() + 120_000;
                while (tasks(other).standbyBytes() < 1_000_000 && System.currentTimeMillis() < until) {
                    Thread.sleep(100);
                }
                Thread.sleep(2_000); // the copy caught up with the last commits
            }
            System.out.printf("MEASURE standby.replicas=%d: the other process holds %.1f MB of standby state%n",
                    replicas, tasks(other).standbyBytes() / 1e6);
            long stop = System.nanoTime();
            holder.close();
            long closed = System.nanoTime();
            while (tasks(other).tasks().stream().filter(t -> t.name().contains("/b")).noneMatch(t -> t.state()
                    .equals("RUNNING"))) {
                Thread.sleep(5);
            }
            long running = System.nanoTime();
            StateRestores.Restore r = tasks(other).restores().stream().filter(x -> x.task().contains("/b"))
                    .reduce((x, y) -> y).orElseThrow();
            System.out.printf("MEASURE standby.replicas=%d: holder closed in %.0f ms; task RUNNING elsewhere %.0f ms"
                    + " after the stop began; its restore: %s, %d records read, %.1f MB state, %d ms%n", replicas,
                    (closed - stop) / 1e6, (running - stop) / 1e6, r.fromStandby() ? "from the standby copy"
                    : "from the topic", r.recordsRead(), r.stateBytes() / 1e6, r.millis());
            awaitKeys(other);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            b.close();
            a.close();
        }
    }

    /** Waits until engine {@code e}'s copy of the view has every key. */
    private static void awaitKeys(Engine e) throws InterruptedException {
        try (Session s = e.openSession()) {
            long until = System.currentTimeMillis() + 600_000;
            while (((Number) JobTest.rows(s, "SELECT COUNT(*) FROM spend").get(0)[0]).longValue() < KEYS) {
                if (System.currentTimeMillis() > until) {
                    throw new AssertionError("the view did not load");
                }
                Thread.sleep(500);
            }
        }
    }

    private Engine open(String ns, String name) {
        return Engines.open(EngineConfig.kafka(KafkaBackend.at(KafkaBroker.get().bootstrap()).withNamespace(ns),
                dir.resolve(name)).withCluster("m"));
    }

    private static ViewTasks tasks(Engine e) {
        return ((RunnelEngine) e).views().view("spend").tasks;
    }
}
