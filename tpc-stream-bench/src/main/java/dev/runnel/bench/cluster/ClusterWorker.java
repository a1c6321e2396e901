package dev.runnel.bench.cluster;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.KafkaBackend;
import dev.runnel.server.RunnelServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One process of the cluster benchmark, run in a child JVM by {@link WorkerProcess}: an engine on
 * Kafka in a cluster (broker {@code args[0]}, namespace {@code args[1]}, cluster {@code args[2]},
 * local files in {@code args[3]}) serving JDBC on an ephemeral port of 127.0.0.1, which it names on
 * stderr. On stdin it answers {@code cpu} with one line on stdout: the process's CPU time and its
 * live threads' CPU times summed by {@link ThreadGroups#of role} (nanoseconds, {@code role=ns}
 * separated by spaces), so the benchmark can say which stage used the CPU. The end of stdin or
 * SIGTERM closes it. Single-threaded apart from the engine's own threads.
 */
public final class ClusterWorker {
    private ClusterWorker() {}

    public static void main(String[] args) throws Exception {
        Engine engine = Engines.open(EngineConfig.kafka(KafkaBackend.at(args[0]).withNamespace(args[1]),
                Path.of(args[3])).withCluster(args[2]));
        RunnelServer server = RunnelServer.start(engine, "127.0.0.1", 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            engine.close();
        }));
        System.err.println("cluster worker: serving at jdbc:runnel://127.0.0.1:" + server.port());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.trim().equals("cpu")) {
                System.out.println(cpuLine());
                System.out.flush();
            }
        }
        System.exit(0); // stdin closed: the benchmark is gone
    }

    /** {@code process=ns role=ns ...}: the process's CPU and its live threads' by role. */
    static String cpuLine() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byRole = new TreeMap<>();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) {
                byRole.merge(ThreadGroups.of(t.getThreadName()), cpu, Long::sum);
            }
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "process=%d", os.getProcessCpuTime()));
        byRole.forEach((role, ns) -> b.append(' ').append(role).append('=').append(ns));
        return b.toString();
    }
}
