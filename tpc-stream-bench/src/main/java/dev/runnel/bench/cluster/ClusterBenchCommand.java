package dev.runnel.bench.cluster;

import dev.runnel.bench.nexmark.report.MachineInfo;
import dev.runnel.bench.nexmark.report.Numbers;
import dev.runnel.log.kafka.KafkaLogStore;
import dev.runnel.log.kafka.KafkaStoreOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runnel-bench cluster}: how a view shared by a cluster's processes scales on Kafka. For
 * each process count and workload ({@link Workload}: a GROUP BY and a TUMBLE window aggregate, both
 * maintained in two stages): a fresh namespace, {@code --events} Nexmark bids loaded into a
 * {@code --partitions}-partition json stream first (timed on its own, held back in a Kafka
 * transaction, {@link BidLoader}); a fresh cluster of that many worker JVMs that create the view and
 * take its tasks; then the input is released and the time until the view caught up measured
 * ({@link ClusterRun}), its rows checked against the pull query. Without {@code --bootstrap} a
 * broker process is started from {@code kafka-broker/target/lib} and stopped at the end. Prints a
 * Markdown table and writes it to {@code --out}.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A view shared by 1, 2, 3 ... Runnel processes on Kafka: events/s and CPU per event.")
public final class ClusterBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--processes", split = ",", defaultValue = "1,2,3", description = "Process counts (default ${DEFAULT-VALUE}).")
    int[] processes;

    @Option(names = "--events", defaultValue = "2m", description = "Bids loaded per process count (e.g. 500k, 2m; default ${DEFAULT-VALUE}).")
    String eventsText;

    @Option(names = "--partitions", defaultValue = "12", description = "Partitions of the bids stream (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--workloads", split = ",", defaultValue = "view,window",
            description = "view (GROUP BY bidder), window (TUMBLE 10 s by auction) (default ${DEFAULT-VALUE}).")
    String[] workloads;

    @Option(names = "--bootstrap", description = "A running Kafka broker (host:port); default: start one from kafka-broker/target/lib.")
    String bootstrap;

    @Option(names = "--worker-heap", defaultValue = "1g", description = "-Xmx of each worker JVM (default ${DEFAULT-VALUE}).")
    String workerHeap;

    @Option(names = "--jfr", description = "Record the first worker of every run with Java Flight Recorder (profile settings) into --dir.")
    boolean jfr;

    @Option(names = "--dir", defaultValue = "target/cluster-bench", description = "Logs, broker data, recordings, report (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--out", description = "The Markdown report (default DIR/report.md).")
    Path outFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long events = Numbers.parseCount(eventsText);
        List<Workload> ws = Arrays.stream(workloads).map(Workload::named).toList();
        String stamp = Long.toString(System.currentTimeMillis() / 1000, 36);
        Path runDir = dir.toAbsolutePath().resolve("run-" + stamp);
        Files.createDirectories(runDir);
        MachineInfo machine = MachineInfo.detect();
        out.println("machine: " + machine.describe());
        BrokerProcess broker = null;
        List<ClusterRun.Result> results = new ArrayList<>();
        List<String> loads = new ArrayList<>();
        try {
            String servers = bootstrap;
            if (servers == null) {
                Path root = Path.of(System.getProperty("runnel.bench.root", "."));
                broker = BrokerProcess.start(root.resolve("kafka-broker/target/lib"), runDir.resolve("broker"), "1g");
                servers = broker.bootstrap();
                out.println("broker: pid " + broker.pid() + " at " + servers + " (log " + runDir.resolve("broker/broker.log") + ")");
            }
            for (int p : processes) {
                for (Workload w : ws) {
                    String namespace = "cb-" + stamp + "-p" + p + "-" + w.view() + ".";
                    out.printf(Locale.ROOT, "%d process(es), %s: loading %,d bids into %d partitions (namespace %s)%n",
                            p, w.name(), events, partitions, namespace);
                    try (BidLoader input = BidLoader.load(servers, namespace, runDir.resolve(namespace + "loader"),
                            partitions, events);
                            KafkaLogStore kafka = KafkaLogStore.open(KafkaStoreOptions.of(servers).withNamespace(namespace))) {
                        String load = String.format(Locale.ROOT, "%,d bids loaded in %.1f s (%,.0f/s, load average %.1f)",
                                events, input.nanos() / 1e9, events / (input.nanos() / 1e9), ProcStatus.loadAverage());
                        out.println("  " + load);
                        loads.add(p + " process(es), " + w.name() + ": " + load);
                        String cluster = "bench-" + stamp + "-p" + p + "-" + w.view();
                        List<String> first = jfr ? List.of("-XX:StartFlightRecording=settings=profile,filename="
                                + runDir.resolve(cluster + ".jfr")) : List.of();
                        ClusterRun run = new ClusterRun(kafka, servers, namespace, broker == null ? -1 : broker.pid(),
                                runDir, List.of("-Xmx" + workerHeap), first, out);
                        ClusterRun.Result r = run.run(w, p, events, cluster, input);
                        results.add(r);
                        out.println("  " + ClusterReport.line(r));
                    }
                }
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        String report = ClusterReport.markdown(machine, Instant.now(), System.getProperty("runnel.bench.commit", "unknown"),
                System.getProperty("runnel.bench.args", ""), loads, results);
        Path file = outFile != null ? outFile : dir.resolve("report.md");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, report, StandardCharsets.UTF_8);
        out.println();
        out.print(report);
        out.println("report: " + file);
        return results.stream().allMatch(r -> r.check().ok()) ? 0 : 1;
    }
}
