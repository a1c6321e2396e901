package dev.runnel.log.kafka.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;

/**
 * One real Kafka broker (a combined KRaft broker and controller) per test JVM, in process, bound to
 * 127.0.0.1: the broker and the controller on free ports chosen before the first start (the controller's
 * is in the voters list). Started on first use, stopped and its temporary directory deleted when the JVM
 * exits. Tests share it and keep apart by giving each its own topics, groups or store namespace
 * ({@link #uniqueNamespace}). A test that stops and starts a broker takes one of its own
 * ({@link #startPrivate}): both ports are fixed before the first start, so clients find it again.
 *
 * <p>Thread-safe.
 */
public final class KafkaBroker implements AutoCloseable {
    private static KafkaBroker instance;
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final Path dir;
    private final Properties props;
    private final String bootstrap;
    private KafkaRaftServer server;

    private KafkaBroker() throws IOException {
        dir = Files.createTempDirectory("runnel-kafka-");
        int controllerPort = freePort();
        int brokerPort = freePort();
        Map<String, String> p = new TreeMap<>(properties(dir.resolve("logs"), controllerPort));
        // a fixed broker port (not :0), so a restarted broker is where its clients left it
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        Path file = dir.resolve("server.properties");
        props = new Properties();
        props.putAll(p);
        try (Writer w = Files.newBufferedWriter(file)) {
            props.store(w, "in-process test broker");
        }
        var out = new java.io.ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
            file.toString()}, new PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("formatting the Kafka storage failed: " + out);
        }
        start();
        bootstrap = "127.0.0.1:" + brokerPort(server);
    }

    /**
     * A broker of the caller's own (not the JVM's shared one), for tests that stop and start it:
     * same ports and data directory across restarts. Close it to stop it and delete its data.
     */
    public static KafkaBroker startPrivate() {
        try {
            return new KafkaBroker();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the broker (again, after {@link #stop}) on its ports and data directory; a no-op while it runs. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        s.startup();
        server = s;
    }

    /** Stops the broker, keeping its data (a clean shutdown, as SIGTERM would); a no-op while it is stopped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /** Stops the broker and deletes its data directory. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            deleteDir();
        }
    }

    /** Broker and controller on loopback, one node, fit for tests (see docs/ARCHITECTURE.md, Kafka). */
    static Map<String, String> properties(Path logDir, int controllerPort) {
        Map<String, String> p = new TreeMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:0,CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.consumer.heartbeat.interval.ms", "500");
        p.put("group.consumer.min.heartbeat.interval.ms", "500");
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        // tests run engines on hand-moved clocks (often in 1970): never reject nor expire their records by time
        p.put("log.message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE));
        p.put("log.retention.check.interval.ms", Long.toString(24L * 3600 * 1000));
        return p;
    }

    /** The JVM's broker, started on first call. */
    public static synchronized KafkaBroker get() {
        if (instance == null) {
            try {
                instance = new KafkaBroker();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            KafkaBroker b = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(b::close, "kafka-test-broker-stop"));
        }
        return instance;
    }

    /** {@code 127.0.0.1:port} of the broker's listener. */
    public String bootstrap() {
        return bootstrap;
    }

    /** A namespace (topic and group prefix) no other caller in this JVM gets. */
    public static String uniqueNamespace(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + NAMESPACES.incrementAndGet() + ".";
    }

    private void deleteDir() {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temp dir left behind is not worth failing a JVM exit for
        }
    }

    private static int brokerPort(KafkaRaftServer server) {
        try {
            Field f = KafkaRaftServer.class.getDeclaredField("broker");
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            scala.Option<BrokerServer> broker = (scala.Option<BrokerServer>) f.get(server);
            return broker.get().boundPort(ListenerName.normalised("PLAINTEXT"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot find the test broker's port", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
