package dev.runnel.bench.jdbcload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/runnel server} in a child JVM: the server's own main class on this JVM's classpath,
 * listening on an ephemeral port of 127.0.0.1 with its data in a directory of its own. Its standard
 * error goes to {@code server.log} there; the JDBC URL is read from its start-up line. {@link #close()}
 * sends SIGTERM (the server closes cleanly), waits, and kills it if it does not end. Not thread-safe.
 */
final class ServerProcess implements AutoCloseable {
    private static final String MAIN = "dev.runnel.server.ServerMain";
    private static final Pattern URL = Pattern.compile("(jdbc:runnel://127\\.0\\.0\\.1:\\d+)");

    private final Process process;
    private final String url;
    private final Path log;

    private ServerProcess(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /**
     * Starts the server and waits until it listens.
     *
     * @param jvmOptions extra options for the server's JVM (heap, a JFR recording)
     */
    static ServerProcess start(Path dataDir, List<String> jvmOptions, PrintWriter progress) throws IOException {
        Files.createDirectories(dataDir);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        for (String flag : List.of("arrow.enable_unsafe_memory_access", "arrow.enable_null_check_for_get")) {
            if (System.getProperty(flag) != null) { // as bin/runnel starts a server
                cmd.add("-D" + flag + "=" + System.getProperty(flag));
            }
        }
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN);
        cmd.addAll(List.of("--port", "0", "--bind", "127.0.0.1", "--data-dir", dataDir.toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(p, log, url), "jdbc-load-server-log");
        pump.setDaemon(true);
        pump.start();
        try {
            String u = url.get(60, TimeUnit.SECONDS);
            progress.println("server: pid " + p.pid() + " at " + u + " (log " + log + ")");
            return new ServerProcess(p, u, log);
        } catch (Exception e) {
            p.destroyForcibly();
            String said = Files.exists(log) ? String.join("\n", Files.readAllLines(log, StandardCharsets.UTF_8)) : "";
            throw new IOException("the server did not start within 60 s" + (said.isBlank() ? "" : "; it said:\n" + said), e);
        }
    }

    private static void pump(Process p, Path log, CompletableFuture<String> url) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
                var w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                w.write(line);
                w.newLine();
                w.flush();
                Matcher m = URL.matcher(line);
                if (!url.isDone() && m.find()) {
                    url.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            // the server went away; close() reports how
        } finally {
            url.completeExceptionally(new IOException("server ended before it listened"));
        }
    }

    String url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** CPU time the server has used so far, or null where the OS does not say. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(null);
    }

    /** The server's peak resident memory in bytes (Linux), or -1. */
    long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or gone
        }
        return -1;
    }

    /** SIGTERM, then up to 30 s for a clean stop; returns the exit code (-1 if it had to be killed). */
    int stop() throws InterruptedException {
        process.destroy();
        if (process.waitFor(30, TimeUnit.SECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
