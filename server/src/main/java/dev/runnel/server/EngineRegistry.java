package dev.runnel.server;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.KafkaBackend;
import dev.runnel.exec.engine.Engines;
import dev.runnel.jdbc.RunnelUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The engines of embedded connections in this JVM: one per data directory (or per {@code mem:NAME}),
 * shared by every connection to it and closed when the last of them closes; a private
 * {@code mem:} engine belongs to its one connection. Engines still open when the JVM exits are
 * closed cleanly by a shutdown hook. Thread-safe.
 */
public final class EngineRegistry {
    private static final class Holder {
        static final EngineRegistry JVM = new EngineRegistry(Engines::open);

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(JVM::closeAll, "runnel-engine-shutdown"));
        }
    }

    private final Function<EngineConfig, Engine> opener;
    private final Map<String, Shared> shared = new HashMap<>();
    private boolean shutDown;

    /** @param opener starts an engine ({@link Engines#open} outside tests) */
    public EngineRegistry(Function<EngineConfig, Engine> opener) {
        this.opener = opener;
    }

    /** The registry embedded JDBC connections use, with its shutdown hook. */
    public static EngineRegistry jvm() {
        return Holder.JVM;
    }

    /** A connection's hold on an engine; closing it lets the engine close once nobody holds it. */
    public final class Lease implements AutoCloseable {
        private final Engine engine;
        private final String key;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(Engine engine, String key) {
            this.engine = engine;
            this.key = key;
        }

        public Engine engine() {
            return engine;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(this);
            }
        }
    }

    private static final class Shared {
        final Engine engine;
        int holders;

        Shared(Engine engine) {
            this.engine = engine;
        }
    }

    /** Opens the engine {@code url} names, or joins it if this JVM has it open already. */
    public Lease acquire(RunnelUrl url) {
        if (url.kind() != RunnelUrl.Kind.KAFKA && url.kind() != RunnelUrl.Kind.REMOTE
                && url.properties().containsKey("cluster")) {
            throw EngineErrors.of("08001", "cluster=" + url.properties().get("cluster") + " needs the log on Kafka:"
                    + " jdbc:runnel:kafka://HOST:PORT;cluster=NAME (the processes of a cluster share its catalog"
                    + " through Kafka)");
        }
        switch (url.kind()) {
            case REMOTE -> throw new IllegalArgumentException("not an embedded URL: " + url);
            case MEM -> {
                if (url.isPrivateMemory()) {
                    return new Lease(open(EngineConfig.memory()), null);
                }
                return acquireShared("mem:" + url.location(), EngineConfig.memory());
            }
            case FILE -> {
                Path dir = canonical(url.dataDir());
                return acquireShared("file:" + dir, EngineConfig.file(dir));
            }
            case KAFKA -> {
                Path dir = url.kafkaDataDir() == null ? null : canonical(url.kafkaDataDir());
                KafkaBackend kafka = kafkaBackend(url);
                EngineConfig config = EngineConfig.kafka(kafka, dir);
                String cluster = url.properties().get("cluster");
                if (cluster != null) {
                    try {
                        config = config.withCluster(cluster.trim());
                    } catch (RuntimeException e) {
                        throw EngineErrors.translate(e);
                    }
                }
                return acquireShared(kafkaKey(url), config);
            }
        }
        throw new AssertionError(url.kind());
    }

    private synchronized Lease acquireShared(String key, EngineConfig config) {
        if (shutDown) {
            throw EngineErrors.of("08001", "the JVM is shutting down");
        }
        Shared s = shared.get(key);
        if (s == null) {
            s = new Shared(open(config));
            shared.put(key, s);
        }
        s.holders++;
        return new Lease(s.engine, key);
    }

    private Engine open(EngineConfig config) {
        try {
            return opener.apply(config);
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
    }

    private void release(Lease lease) {
        if (lease.key == null) {
            lease.engine.close();
            return;
        }
        Engine toClose = null;
        synchronized (this) {
            Shared s = shared.get(lease.key);
            if (s != null && s.engine == lease.engine && --s.holders == 0) {
                shared.remove(lease.key);
                toClose = s.engine;
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    /** How many connections hold the engine of {@code url} (0 when it is not open). */
    public synchronized int holders(RunnelUrl url) {
        String key = switch (url.kind()) {
            case MEM -> "mem:" + url.location();
            case FILE -> "file:" + canonical(url.dataDir());
            case KAFKA -> kafkaKey(url);
            case REMOTE -> "";
        };
        Shared s = shared.get(key);
        return s == null ? 0 : s.holders;
    }

    /** Closes every shared engine (JVM exit). Connections still open fail from now on. */
    public void closeAll() {
        List<Engine> engines;
        synchronized (this) {
            shutDown = true;
            engines = new ArrayList<>();
            shared.values().forEach(s -> engines.add(s.engine));
            shared.clear();
        }
        for (Engine e : engines) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                System.err.println("runnel: closing an engine at exit failed: " + ex);
            }
        }
    }

    /**
     * The Kafka cluster of a URL, with its properties {@code namespace}, {@code replication},
     * {@code connectAttempts}, {@code connectTimeoutMs} and {@code requestTimeoutMs}.
     */
    private static KafkaBackend kafkaBackend(RunnelUrl url) {
        KafkaBackend k = KafkaBackend.at(url.location()).withNamespace(url.properties().getOrDefault("namespace", ""));
        String attempts = url.properties().get("connectAttempts");
        String timeout = url.properties().get("connectTimeoutMs");
        String replication = url.properties().get("replication");
        String request = url.properties().get("requestTimeoutMs");
        try {
            return k.withConnectRetries(attempts == null ? k.connectAttempts() : Integer.parseInt(attempts.trim()),
                    k.connectBackoffMs(), timeout == null ? k.connectTimeoutMs() : Long.parseLong(timeout.trim()))
                    .withReplication(replication == null ? -1 : Integer.parseInt(replication.trim()))
                    .withRequestTimeout(request == null ? k.requestTimeoutMs() : Long.parseLong(request.trim()));
        } catch (NumberFormatException e) {
            throw EngineErrors.of("08001", "connectAttempts, connectTimeoutMs, requestTimeoutMs and replication must be"
                    + " whole numbers in " + url);
        }
    }

    /** Engines on Kafka are shared per cluster, namespace, Runnel cluster and local directory. */
    private static String kafkaKey(RunnelUrl url) {
        return "kafka:" + url.location() + "/" + url.properties().getOrDefault("namespace", "") + "#"
                + url.properties().getOrDefault("cluster", "") + "@"
                + (url.kafkaDataDir() == null ? "" : canonical(url.kafkaDataDir()));
    }

    private static Path canonical(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            return Files.exists(abs) ? abs.toRealPath() : abs;
        } catch (IOException e) {
            return abs;
        }
    }
}
