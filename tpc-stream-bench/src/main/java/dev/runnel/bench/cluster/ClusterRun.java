package dev.runnel.bench.cluster;

import dev.runnel.exec.cluster.ClusterPlan;
import dev.runnel.exec.cluster.ViewTasks;
import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.TopicDescription.PartitionInfo;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.kafka.KafkaLogStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One measurement: {@code processes} fresh {@link ClusterWorker}s of a new cluster over a namespace
 * whose input is loaded but not yet visible ({@link BidLoader}); the view is created through the
 * first worker, the others start right after the CREATE (written when a running process learned of
 * views only at its start; either order works since processes follow the catalog); once every
 * worker holds some of the view's tasks the input is released, and the
 * clock runs from the release until the view
 * has caught up with every bid — its offsets group committed at the end of every stream partition
 * (and, for a split view, of every repartition partition), then a read-your-writes pull query
 * through the first worker answered without a warning, i.e. its copy applied the view's changes.
 * CPU is the workers' (and the broker's, when known) between those two moments. Then the view's
 * rows are checked, the view dropped and the workers stopped. Not thread-safe.
 */
final class ClusterRun {
    /** What one run measured. CPU in nanoseconds; {@code cpuByRole} sums every worker's threads by role. */
    record Result(Workload workload, int processes, long events, long nanos, long cpuNanos, long brokerCpuNanos,
            Map<String, Long> cpuByRole, long peakRssBytes, int busyProcesses, int tasks, boolean split,
            Workload.Check check, double loadBefore, double loadAfter, Map<String, Long> topicBytes) {
        double eventsPerSecond() {
            return events / (nanos / 1e9);
        }

        /** Worker CPU-microseconds per event. */
        double cpuMicrosPerEvent() {
            return cpuNanos / 1e3 / events;
        }
    }

    private final KafkaLogStore kafka;
    private final String bootstrap;
    private final String namespace;
    private final long brokerPid;
    private final Path dir;
    private final List<String> jvmOptions;
    private final List<String> firstWorkerOptions;
    private final PrintWriter out;

    ClusterRun(KafkaLogStore kafka, String bootstrap, String namespace, long brokerPid, Path dir,
            List<String> jvmOptions, List<String> firstWorkerOptions, PrintWriter out) {
        this.kafka = kafka;
        this.bootstrap = bootstrap;
        this.namespace = namespace;
        this.brokerPid = brokerPid;
        this.dir = dir;
        this.jvmOptions = jvmOptions;
        this.firstWorkerOptions = firstWorkerOptions;
        this.out = out;
    }

    Result run(Workload w, int processes, long events, String cluster, BidLoader input) throws Exception {
        List<WorkerProcess> workers = new ArrayList<>();
        try {
            long setup = System.nanoTime();
            workers.add(startWorker(0, cluster));
            try (Connection c = DriverManager.getConnection(workers.get(0).url()); Statement s = c.createStatement()) {
                s.execute(w.create());
                startOthers(workers, processes, cluster);
                awaitSpread(w, processes);
                out.printf(Locale.ROOT, "  %d worker(s) (pids %s) hold the view's tasks %.1f s after the first started%n",
                        processes, workers.stream().map(p -> Long.toString(p.pid())).toList(),
                        (System.nanoTime() - setup) / 1e9);
                List<Map<String, Long>> cpu0 = new ArrayList<>();
                for (WorkerProcess p : workers) {
                    cpu0.add(p.cpu());
                }
                long broker0 = brokerPid > 0 ? ProcStatus.cpuNanos(brokerPid) : -1;
                double loadBefore = ProcStatus.loadAverage();
                long t0 = System.nanoTime();
                input.release();
                awaitCaughtUp(w, s, t0, events);
                long nanos = System.nanoTime() - t0;
                long broker1 = brokerPid > 0 ? ProcStatus.cpuNanos(brokerPid) : -1;
                Map<String, Long> byRole = new TreeMap<>();
                long cpu = 0;
                long rss = 0;
                for (int i = 0; i < workers.size(); i++) {
                    Map<String, Long> now = workers.get(i).cpu();
                    long processCpu = now.get("process") - cpu0.get(i).get("process");
                    cpu += processCpu;
                    long threads = 0;
                    for (var e : now.entrySet()) {
                        if (!e.getKey().equals("process")) {
                            long d = Math.max(0, e.getValue() - cpu0.get(i).getOrDefault(e.getKey(), 0L));
                            byRole.merge(e.getKey(), d, Long::sum);
                            threads += d;
                        }
                    }
                    byRole.merge("jvm", Math.max(0, processCpu - threads), Long::sum);
                    rss = Math.max(rss, workers.get(i).peakRssBytes());
                }
                double loadAfter = ProcStatus.loadAverage();
                int[] spread = spread(w);
                out.printf(Locale.ROOT, "  caught up in %.1f s; checking the view against the pull query%n", nanos / 1e9);
                Workload.Check check = w.check(s, events);
                out.println("  check: " + (check.ok() ? "OK, " : "FAILED, ") + check.detail());
                Map<String, Long> bytes = new TreeMap<>();
                bytes.put("input", kafka.describeTopic("bids").totalBytes());
                for (String t : List.of("repartition", "changes", "state")) {
                    String topic = ClusterPlan.topic(w.view(), t);
                    if (kafka.listTopics().contains(topic)) {
                        bytes.put(t, kafka.describeTopic(topic).totalBytes());
                    }
                }
                s.execute("DROP MATERIALIZED VIEW " + w.view());
                return new Result(w, processes, events, nanos, cpu, broker1 < 0 || broker0 < 0 ? -1 : broker1 - broker0,
                        byRole, rss, spread[0], spread[1], spread[2] == 1, check, loadBefore, loadAfter, bytes);
            }
        } finally {
            for (WorkerProcess p : workers) {
                p.close();
            }
        }
    }

    private WorkerProcess startWorker(int i, String cluster) throws java.io.IOException {
        List<String> opts = new ArrayList<>(jvmOptions);
        if (i == 0) {
            opts.addAll(firstWorkerOptions);
        }
        return WorkerProcess.start(bootstrap, namespace, cluster, dir.resolve(cluster + "-" + i),
                dir.resolve(cluster + "-" + i + ".log"), opts);
    }

    /**
     * Starts workers 1 .. {@code processes-1} at once, after the CREATE (they find the view in the
     * catalog as they start; the measurements in docs/benchmarks.md predate catalog following).
     */
    private void startOthers(List<WorkerProcess> workers, int processes, String cluster) throws Exception {
        List<java.util.concurrent.CompletableFuture<WorkerProcess>> started = new ArrayList<>();
        for (int i = 1; i < processes; i++) {
            int n = i;
            started.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return startWorker(n, cluster);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        for (var f : started) {
            workers.add(f.get());
        }
    }

    /**
     * Polls the view's offsets group until it has committed every stream partition's end (then
     * every repartition partition's end), printing progress every 5 s; then asks the view through
     * {@code s} with read-your-writes until the answer comes without a warning.
     */
    private void awaitCaughtUp(Workload w, Statement s, long t0, long events) throws Exception {
        String group = ViewTasks.offsetsGroup(w.view());
        awaitCommitted(group, "bids", t0, "input", events);
        String repartition = ClusterPlan.topic(w.view(), "repartition");
        if (kafka.listTopics().contains(repartition)) {
            awaitCommitted(group, repartition, t0, "repartition", 0);
        }
        while (true) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + w.view())) {
                rs.next();
                SQLWarning warning = rs.getWarnings() != null ? rs.getWarnings() : s.getWarnings();
                if (warning == null) {
                    return;
                }
                out.println("  still catching up: " + warning.getMessage());
            }
        }
    }

    /**
     * Waits until {@code group} has committed the end of every partition of {@code topic}, once
     * the topic shows at least {@code atLeast} records (the released input's markers are written
     * after the commit returns).
     */
    private void awaitCommitted(String group, String topic, long t0, String what, long atLeast)
            throws InterruptedException {
        long lastReport = System.nanoTime();
        while (true) {
            long behind = 0;
            long total = 0;
            for (PartitionInfo p : kafka.describeTopic(topic).partitions()) {
                long end = p.logEndOffset();
                long at = kafka.groups().committed(group, new TopicPartition(topic, p.partition()))
                        .orElse(p.logStartOffset());
                behind += Math.max(0, end - at);
                total += end - p.logStartOffset();
            }
            if (behind == 0 && total >= atLeast) {
                return;
            }
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                lastReport = System.nanoTime();
                out.printf(Locale.ROOT, "  %5.1f s: %s %,d of %,d offsets committed%n",
                        (System.nanoTime() - t0) / 1e9, what, total - behind, total);
            }
            Thread.sleep(50);
        }
    }

    /** Waits (up to 5 minutes) until every process holds some of the view's tasks, and 2 s more for the group to settle. */
    private void awaitSpread(Workload w, int processes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (spread(w)[0] < processes) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the view's tasks did not spread over " + processes
                        + " processes within 5 minutes");
            }
            Thread.sleep(200);
        }
        Thread.sleep(2_000);
    }

    /** Processes holding tasks of the view, its task count, and 1 if it is split in two stages. */
    private int[] spread(Workload w) {
        int busy = 0;
        int tasks = 0;
        try {
            ConsumerGroups.GroupDescription g = kafka.groups().describe(ViewTasks.group(w.view()));
            for (ConsumerGroups.MemberInfo m : g.members()) {
                tasks += m.assignment().size();
                busy += m.assignment().isEmpty() ? 0 : 1;
            }
        } catch (RuntimeException e) {
            // between generations: reported as 0
        }
        boolean split = kafka.listTopics().contains(ClusterPlan.topic(w.view(), "repartition"));
        return new int[] {busy, tasks, split ? 1 : 0};
    }
}
