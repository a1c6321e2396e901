package dev.runnel.log.cleaner;

import dev.runnel.log.storage.PartitionLog;
import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Log compaction ({@code cleanup.policy = compact}): the lifecycle part of Kafka's
 * {@code LogCleaner}. Each pass ({@link #cleanAll()}) asks the {@link CleanerManager} which compacted
 * partitions have something to do, runs the {@link Cleaner} on each, and records the result; a
 * failure on one partition is logged at WARNING and the pass moves on. {@link #start} runs passes
 * periodically on a daemon thread named {@value #THREAD_NAME}.
 *
 * <p>Thread-safety: thread-safe. Passes are serialized by a lock, so {@link #cleanAll()} may be called
 * from any thread while the background thread runs. {@link #close()} makes a running pass stop at the
 * next batch (discarding the segment it was writing), stops the background thread and waits for
 * both. The cleaner thread is never interrupted: an interrupt during file I/O would close the
 * partition's shared segment channels.
 */
public final class LogCleaner implements AutoCloseable {
    /** Name of the background thread. */
    public static final String THREAD_NAME = "runnel-log-cleaner";
    /** Keys mapped per partition pass before the pass stops at a segment boundary (the rest waits). */
    static final int DEFAULT_MAX_MAP_KEYS = 1_000_000;

    private static final System.Logger LOG = System.getLogger(LogCleaner.class.getName());

    /**
     * What one or more passes did.
     *
     * @param segmentsCleaned segments rewritten and swapped in
     * @param recordsRead     records examined in the cleaned ranges (mapping not counted)
     * @param recordsRemoved  records dropped from the rewritten segments
     * @param bytesBefore     size of the rewritten segments before
     * @param bytesAfter      size of the rewritten segments after
     */
    public record Stats(int segmentsCleaned, long recordsRead, long recordsRemoved, long bytesBefore, long bytesAfter) {
        /** Nothing done. */
        public static final Stats NONE = new Stats(0, 0, 0, 0, 0);

        public Stats plus(Stats o) {
            return new Stats(segmentsCleaned + o.segmentsCleaned, recordsRead + o.recordsRead,
                    recordsRemoved + o.recordsRemoved, bytesBefore + o.bytesBefore, bytesAfter + o.bytesAfter);
        }
    }

    private final Supplier<Collection<PartitionLog>> partitions;
    private final Clock clock;
    private final CleanerManager manager = new CleanerManager();
    private final Cleaner cleaner;
    private final ReentrantLock passLock = new ReentrantLock();
    private final Object lifecycle = new Object();
    private volatile boolean stopping;
    private Thread thread;

    /**
     * @param partitions the partitions to compact (called once per pass: those of compacted topics)
     * @param clock      decides when tombstones have outlived {@code delete.retention.ms}
     */
    public LogCleaner(Supplier<Collection<PartitionLog>> partitions, Clock clock) {
        this(partitions, clock, DEFAULT_MAX_MAP_KEYS, CleanerHook.NONE);
    }

    /** For tests: a smaller offset map and a hook called between the steps of each segment swap. */
    LogCleaner(Supplier<Collection<PartitionLog>> partitions, Clock clock, int maxMapKeys, CleanerHook hook) {
        this.partitions = partitions;
        this.clock = clock;
        this.cleaner = new Cleaner(clock, new OffsetMap(maxMapKeys), hook, () -> stopping);
    }

    /** Starts the background thread, which runs a pass every {@code intervalMs}. */
    public void start(long intervalMs) {
        if (intervalMs < 1) {
            throw new IllegalArgumentException("cleaner interval must be >= 1 ms, was " + intervalMs);
        }
        synchronized (lifecycle) {
            if (stopping) {
                throw new IllegalStateException("the log cleaner is closed");
            }
            if (thread != null) {
                throw new IllegalStateException("the log cleaner is already running");
            }
            thread = new Thread(() -> run(intervalMs), THREAD_NAME);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run(long intervalMs) {
        while (!stopping) {
            try {
                cleanAll();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "log cleaner pass failed: " + e, e);
            }
            if (!pause(intervalMs)) {
                return;
            }
        }
    }

    /** Waits {@code ms} or until closed; false if the cleaner should exit. */
    private boolean pause(long ms) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        synchronized (lifecycle) {
            while (!stopping) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return true;
                }
                try {
                    lifecycle.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }
    }

    /**
     * Runs one pass over every partition that needs cleaning now and returns what it did. Returns
     * at once, doing nothing, once the cleaner is closed.
     */
    public Stats cleanAll() {
        passLock.lock();
        try {
            if (stopping) {
                return Stats.NONE;
            }
            Collection<PartitionLog> logs = partitions.get();
            manager.retainOnly(logs);
            Stats total = Stats.NONE;
            for (PartitionLog log : logs) {
                if (stopping) {
                    break;
                }
                try {
                    total = total.plus(cleanOne(log));
                } catch (Cleaner.StoppedException e) {
                    break;
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "compaction of " + log.topicPartition()
                            + " failed; it will be retried on the next pass: " + e, e);
                }
            }
            return total;
        } finally {
            passLock.unlock();
        }
    }

    private Stats cleanOne(PartitionLog log) throws IOException {
        if (!manager.needsCleaning(log, clock.millis())) {
            return Stats.NONE;
        }
        Cleaner.Pass pass = cleaner.clean(log, manager.firstDirtyOffset(log));
        if (pass == null) {
            LOG.log(System.Logger.Level.DEBUG, "compaction of " + log.topicPartition()
                    + " found a segment deleted under it; it will be retried on the next pass");
            return Stats.NONE;
        }
        manager.passCompleted(log, pass.cleanedUpTo(), pass.oldestTombstoneAppendTime());
        Stats s = pass.stats();
        if (s.segmentsCleaned() > 0) {
            LOG.log(System.Logger.Level.DEBUG, () -> "compacted " + log.topicPartition() + " up to offset "
                    + pass.cleanedUpTo() + ": " + s);
        }
        return s;
    }

    /** Stops the background thread and any running pass, and waits for both to finish. Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (lifecycle) {
            stopping = true;
            lifecycle.notifyAll();
            t = thread;
        }
        boolean interrupted = false;
        if (t != null && t != Thread.currentThread()) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        passLock.lock(); // waits for a pass started by another thread to notice the stop
        passLock.unlock();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
