package dev.runnel.exec.engine;

import java.nio.file.Path;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to start an engine: durable in {@code dataDir}, or in memory ({@code dataDir} null: the log
 * lives in a private temporary directory with {@code fsync = none} that is deleted on close, so
 * nothing outlives the engine). With {@code kafka} set, the log (streams, tables, the catalog and
 * every internal topic) lives in that Kafka cluster instead and {@code dataDir} keeps only the
 * engine's local files (view and job checkpoints); null there means a temporary directory. With
 * {@code cluster} set (only on Kafka) the engine is one process of that cluster: it shares the
 * catalog with the other processes of the name and follows it ({@link #withCluster}). Immutable.
 */
public record EngineConfig(Path dataDir, Clock clock, boolean backgroundThreads, KafkaBackend kafka,
        Optional<String> cluster) {
    /** Kafka-legal: what a topic or group name may hold, leaving room for the names built on it. */
    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public EngineConfig {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(cluster, "cluster");
        if (cluster.isPresent() && kafka == null) {
            throw new RunnelSqlException("08001", "cluster " + cluster.get() + " needs the log on Kafka (--kafka"
                    + " HOST:PORT, or jdbc:runnel:kafka://HOST:PORT;cluster=NAME): processes share a catalog"
                    + " through Kafka", SourcePos.UNKNOWN);
        }
    }

    public EngineConfig(Path dataDir, Clock clock, boolean backgroundThreads, KafkaBackend kafka) {
        this(dataDir, clock, backgroundThreads, kafka, Optional.empty());
    }

    public EngineConfig(Path dataDir, Clock clock, boolean backgroundThreads) {
        this(dataDir, clock, backgroundThreads, null);
    }

    /**
     * Checks a cluster name: 1 to 100 of {@code A-Z a-z 0-9 . _ -}, not {@code .} or {@code ..}
     * (it becomes part of Kafka topic and group names); returns it, or throws 08001 saying why.
     */
    public static String checkClusterName(String name) {
        if (name == null || !CLUSTER_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new RunnelSqlException("08001", "bad cluster name '" + name + "': use 1 to 100 letters, digits,"
                    + " '.', '_' or '-' (it becomes part of Kafka topic and group names)", SourcePos.UNKNOWN);
        }
        return name;
    }

    /**
     * One process of cluster {@code name}: checks the name, and makes {@code NAME.} the Kafka
     * namespace unless one is set, so every process of the cluster finds one catalog and nothing
     * else shares it. Needs {@link #onKafka()}.
     */
    public EngineConfig withCluster(String name) {
        checkClusterName(name);
        if (kafka == null) {
            return new EngineConfig(dataDir, clock, backgroundThreads, null, Optional.of(name)); // refused, with why
        }
        KafkaBackend k = kafka.namespace().isEmpty() ? kafka.withNamespace(name + ".") : kafka;
        return new EngineConfig(dataDir, clock, backgroundThreads, k, Optional.of(name));
    }

    /** Whether this engine is one process of a cluster (else it is standalone). */
    public boolean inCluster() {
        return cluster.isPresent();
    }

    public static EngineConfig file(Path dataDir) {
        return new EngineConfig(Objects.requireNonNull(dataDir, "dataDir"), Clock.systemUTC(), true);
    }

    public static EngineConfig memory() {
        return new EngineConfig(null, Clock.systemUTC(), true);
    }

    /** The log in Kafka at {@code bootstrap}; local files in {@code dataDir} (null: a temporary directory). */
    public static EngineConfig kafka(KafkaBackend kafka, Path dataDir) {
        return new EngineConfig(dataDir, Clock.systemUTC(), true, Objects.requireNonNull(kafka, "kafka"));
    }

    public boolean inMemory() {
        return dataDir == null;
    }

    public boolean onKafka() {
        return kafka != null;
    }

    public EngineConfig withClock(Clock c) {
        return new EngineConfig(dataDir, c, backgroundThreads, kafka, cluster);
    }

    public EngineConfig withoutBackgroundThreads() {
        return new EngineConfig(dataDir, clock, false, kafka, cluster);
    }

    public EngineConfig withKafka(KafkaBackend k) {
        return new EngineConfig(dataDir, clock, backgroundThreads, k, cluster);
    }
}
