package dev.runnel.log;

import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Opens log stores by kind, so code above the log (the engine) depends only on the
 * {@link LogStore} interface and a Kafka-backed store can be chosen here later. Stateless.
 */
public final class LogStores {
    private LogStores() {}

    /**
     * The embedded, file-backed store in {@code dataDir} (created if missing, recovered if it was
     * not closed cleanly).
     *
     * @param backgroundThreads whether flushing, retention, compaction and group expiry run by themselves
     */
    public static LogStore openEmbedded(Path dataDir, Clock clock, boolean backgroundThreads) {
        StoreOptions options = StoreOptions.at(dataDir).withClock(clock);
        return EmbeddedLogStore.open(backgroundThreads ? options : options.withoutBackgroundThreads());
    }
}
