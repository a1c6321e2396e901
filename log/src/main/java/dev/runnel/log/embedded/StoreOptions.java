package dev.runnel.log.embedded;

import java.nio.file.Path;
import java.time.Clock;

/**
 * How an {@link EmbeddedLogStore} runs: where its files live, its clock, and its background work.
 * With {@code backgroundThreads = false} nothing runs on its own and tests drive retention, flushing,
 * compaction and member expiry by calling the store's {@code run*} methods. Immutable.
 *
 * @param retentionCheckIntervalMs how often retention deletes expired segments
 * @param cleanerIntervalMs        how often compaction looks for work
 */
public record StoreOptions(Path dataDir, Clock clock, boolean backgroundThreads, long retentionCheckIntervalMs,
        long cleanerIntervalMs) {

    public static StoreOptions at(Path dataDir) {
        return new StoreOptions(dataDir, Clock.systemUTC(), true, 30_000, 15_000);
    }

    public StoreOptions withClock(Clock c) {
        return new StoreOptions(dataDir, c, backgroundThreads, retentionCheckIntervalMs, cleanerIntervalMs);
    }

    public StoreOptions withoutBackgroundThreads() {
        return new StoreOptions(dataDir, clock, false, retentionCheckIntervalMs, cleanerIntervalMs);
    }
}
