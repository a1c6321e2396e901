package dev.runnel.log.cleaner;

import dev.runnel.log.storage.PartitionLog;
import java.time.Clock;
import java.util.Collection;
import java.util.function.Supplier;

/** Compaction lifecycle (to be implemented: see issue 3). */
public final class LogCleaner implements AutoCloseable {
    /** What one cleaning pass did. */
    public record Stats(int segmentsCleaned, long recordsRead, long recordsRemoved, long bytesBefore, long bytesAfter) {}

    public LogCleaner(Supplier<Collection<PartitionLog>> partitions, Clock clock) {}

    public void start(long intervalMs) {}

    public Stats cleanAll() {
        throw new UnsupportedOperationException("compaction not implemented yet");
    }

    @Override
    public void close() {}
}
