package dev.runnel.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/runnel server} for tests: the server's main class in a child JVM (this test JVM's
 * classpath, where the engine is a runtime dependency of the shell), on an ephemeral port of
 * 127.0.0.1, data in {@code dataDir}. The shell reaches it only through its JDBC URL.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("(jdbc:runnel://127\\.0\\.0\\.1:\\d+)");
    private final Process process;
    private final String url;
    private final StringBuffer log = new StringBuffer();

    private ServerProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static ServerProcess start(Path dataDir) throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.runnel.server.ServerMain", "--port", "0", "--data-dir", dataDir.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> url = new CompletableFuture<>();
        StringBuffer log = new StringBuffer();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    log.append(line).append('\n');
                    Matcher m = URL.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the server ended
            }
            url.completeExceptionally(new IOException("the server ended before it listened:\n" + log));
        }, "test-server-log");
        pump.setDaemon(true);
        pump.start();
        try {
            ServerProcess s = new ServerProcess(p, url.get(60, TimeUnit.SECONDS));
            s.log.append(log);
            return s;
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    String url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
