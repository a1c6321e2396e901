package dev.runnel.bench.cluster;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClusterWorker} in a child JVM (this JVM's java, classpath and {@code arrow.*} system
 * properties): started, asked for its
 * CPU by role over stdin/stdout, its peak RSS read from {@code /proc}, stopped with SIGTERM. Its
 * stderr goes to a log file. Not thread-safe.
 */
final class WorkerProcess implements AutoCloseable {
    private final Process process;
    private final String url;
    private final BufferedWriter stdin;
    private final BufferedReader stdout;

    private WorkerProcess(Process process, String url) {
        this.process = process;
        this.url = url;
        this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts a worker of {@code cluster} and waits (up to 120 s) until it serves JDBC. */
    static WorkerProcess start(String bootstrap, String namespace, String cluster, Path dataDir, Path log,
            List<String> jvmOptions) throws IOException {
        Files.createDirectories(dataDir);
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("arrow.")).sorted()
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k))); // Arrow's checks as this JVM has them
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterWorker.class.getName(), bootstrap,
                namespace, cluster, dataDir.toString()));
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                    int at = line.indexOf("serving at ");
                    if (at >= 0) {
                        url.complete(line.substring(at + "serving at ".length()).trim());
                    }
                }
            } catch (IOException e) {
                // the worker ended
            } finally {
                url.completeExceptionally(new IOException("the worker ended before it served"));
            }
        }, "cluster-worker-log");
        pump.setDaemon(true);
        pump.start();
        try {
            return new WorkerProcess(p, url.get(120, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            String said = Files.exists(log) ? Files.readString(log) : "";
            throw new IOException("a cluster worker did not start within 120 s; it said:\n" + said, e);
        }
    }

    String url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    /** The worker's CPU so far: {@code process} (everything) and its live threads' by role, nanoseconds. */
    Map<String, Long> cpu() throws IOException {
        stdin.write("cpu\n");
        stdin.flush();
        String line = stdout.readLine();
        while (line != null && !line.startsWith("process=")) {
            line = stdout.readLine(); // what the JVM printed (a flight recording's start, say)
        }
        if (line == null) {
            throw new IOException("worker " + process.pid() + " ended");
        }
        Map<String, Long> m = new TreeMap<>();
        for (String kv : line.trim().split(" ")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
        }
        return m;
    }

    /** Peak resident memory in bytes (Linux {@code VmHWM}), or -1. */
    long peakRssBytes() {
        return ProcStatus.peakRssBytes(process.pid());
    }

    /** SIGTERM, up to 30 s for a clean stop, then SIGKILL. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
