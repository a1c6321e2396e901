package dev.runnel.bench.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka broker (KRaft, broker and controller in one process) in a child JVM,
 * started as {@code bin/runnel kafka start} starts it: from the jars the build copied to
 * {@code kafka-broker/target/lib}, bound to 127.0.0.1 on two free ports, its storage formatted in
 * a directory of its own; ready when its log says {@code Kafka Server started}. {@link #close()}
 * sends SIGTERM (a clean stop) and deletes the data. Not thread-safe.
 */
final class BrokerProcess implements AutoCloseable {
    private final Process process;
    private final String bootstrap;
    private final Path data;

    private BrokerProcess(Process process, String bootstrap, Path data) {
        this.process = process;
        this.bootstrap = bootstrap;
        this.data = data;
    }

    /** Starts a broker from the jars in {@code lib}, its files in {@code dir}; waits up to 60 s. */
    static BrokerProcess start(Path lib, Path dir, String heap) throws IOException, InterruptedException {
        if (!Files.isDirectory(lib)) {
            throw new IOException("the broker jars are not built (" + lib + " is missing); build with"
                    + " mvn -B -DskipTests package, or pass --bootstrap host:port");
        }
        Files.createDirectories(dir);
        int port = freePort();
        int cport = freePort();
        Path props = dir.resolve("server.properties");
        Files.writeString(props, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + cport,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + cport,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "log.cleaner.dedupe.buffer.size=2097152",
                ""), StandardCharsets.UTF_8);
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = lib.toAbsolutePath() + "/*";
        Path formatLog = dir.resolve("format.log");
        Process format = new ProcessBuilder(java, "-cp", cp, "kafka.tools.StorageTool", "format", "-t",
                Uuid.randomUuid().toString(), "-c", props.toString())
                .redirectErrorStream(true).redirectOutput(formatLog.toFile()).start();
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IOException("formatting the broker's storage failed: " + Files.readString(formatLog));
        }
        Path log = dir.resolve("broker.log");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp", cp, "kafka.Kafka", props.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (Files.exists(log) && Files.readString(log).contains("Kafka Server started")) {
                return new BrokerProcess(p, "127.0.0.1:" + port, dir.resolve("data"));
            }
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("the broker did not start; see " + log);
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String bootstrap() {
        return bootstrap;
    }

    long pid() {
        return process.pid();
    }

    /** Stops the broker and deletes its data (gigabytes after a full run); its log stays. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // left for the user to delete
        }
    }
}
