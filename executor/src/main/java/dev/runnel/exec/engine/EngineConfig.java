package dev.runnel.exec.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to start an engine: durable in {@code dataDir}, or in memory ({@code dataDir} null: the log
 * lives in a private temporary directory with {@code fsync = none} that is deleted on close, so
 * nothing outlives the engine). With {@code kafka} set, the log (streams, tables, the catalog and
 * every internal topic) lives in that Kafka cluster instead and {@code dataDir} keeps only the
 * engine's local files (view and job checkpoints); null there means a temporary directory. Immutable.
 */
public record EngineConfig(Path dataDir, Clock clock, boolean backgroundThreads, KafkaBackend kafka) {
    public EngineConfig {
        Objects.requireNonNull(clock, "clock");
    }

    public EngineConfig(Path dataDir, Clock clock, boolean backgroundThreads) {
        this(dataDir, clock, backgroundThreads, null);
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
        return new EngineConfig(dataDir, c, backgroundThreads, kafka);
    }

    public EngineConfig withoutBackgroundThreads() {
        return new EngineConfig(dataDir, clock, false, kafka);
    }

    public EngineConfig withKafka(KafkaBackend k) {
        return new EngineConfig(dataDir, clock, backgroundThreads, k);
    }
}
