package dev.runnel.exec.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to start an engine: durable in {@code dataDir}, or in memory ({@code dataDir} null: the log
 * lives in a private temporary directory with {@code fsync = none} that is deleted on close, so
 * nothing outlives the engine). Immutable.
 */
public record EngineConfig(Path dataDir, Clock clock, boolean backgroundThreads) {
    public EngineConfig {
        Objects.requireNonNull(clock, "clock");
    }

    public static EngineConfig file(Path dataDir) {
        return new EngineConfig(Objects.requireNonNull(dataDir, "dataDir"), Clock.systemUTC(), true);
    }

    public static EngineConfig memory() {
        return new EngineConfig(null, Clock.systemUTC(), true);
    }

    public boolean inMemory() {
        return dataDir == null;
    }

    public EngineConfig withClock(Clock c) {
        return new EngineConfig(dataDir, c, backgroundThreads);
    }

    public EngineConfig withoutBackgroundThreads() {
        return new EngineConfig(dataDir, clock, false);
    }
}
