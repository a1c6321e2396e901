package dev.runnel.exec.source;

import dev.runnel.exec.format.DeadLetter;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.plan.ScanSourceFactory;
import dev.runnel.log.LogStore;
import dev.runnel.log.TopicPartition;
import dev.runnel.planner.physical.ScanNode;
import java.util.function.Consumer;

/**
 * Makes {@link LogScanSource}s over one {@link LogStore}: bounded (a pull query reads what is there
 * when it starts) or unbounded (push queries and jobs tail the topic). Immutable and thread-safe;
 * the {@code with*} methods return new factories.
 */
public final class LogScanSourceFactory implements ScanSourceFactory {
    /** Rows per emitted batch, at most. */
    public static final int DEFAULT_BATCH_ROWS = 4096;
    /** Bytes asked of the log per fetch. */
    public static final int DEFAULT_FETCH_BYTES = 4 * 1024 * 1024;

    private final LogStore store;
    private final boolean bounded;
    private final int batchRows;
    private final int fetchBytes;
    private final Consumer<DeadLetter> deadLetters;
    private final StartPositions starts;
    private final ScanProgressListener progress;
    /** Which partitions of a scanned topic to read (null: all). */
    private java.util.function.BiPredicate<String, Integer> partitionFilter;

    private LogScanSourceFactory(LogStore store, boolean bounded, int batchRows, int fetchBytes,
            Consumer<DeadLetter> deadLetters) {
        this(store, bounded, batchRows, fetchBytes, deadLetters, null, null);
    }

    private LogScanSourceFactory(LogStore store, boolean bounded, int batchRows, int fetchBytes,
            Consumer<DeadLetter> deadLetters, StartPositions starts,
            ScanProgressListener progress) {
        this.starts = starts;
        this.progress = progress;
        if (batchRows < 1 || fetchBytes < 1) {
            throw new IllegalArgumentException("batchRows and fetchBytes must be positive");
        }
        this.store = store;
        this.bounded = bounded;
        this.batchRows = batchRows;
        this.fetchBytes = fetchBytes;
        this.deadLetters = deadLetters;
    }

    /** Scans that read up to the end offsets at open, then finish. */
    @Override
    public boolean unbounded() {
        return !bounded;
    }

    public static LogScanSourceFactory bounded(LogStore store) {
        return new LogScanSourceFactory(store, true, DEFAULT_BATCH_ROWS, DEFAULT_FETCH_BYTES, null);
    }

    /** Scans that keep reading new data until cancelled. */
    public static LogScanSourceFactory unbounded(LogStore store) {
        return new LogScanSourceFactory(store, false, DEFAULT_BATCH_ROWS, DEFAULT_FETCH_BYTES, null);
    }

    public LogScanSourceFactory withBatchRows(int rows) {
        return keep(new LogScanSourceFactory(store, bounded, rows, fetchBytes, deadLetters, starts, progress));
    }

    public LogScanSourceFactory withFetchBytes(int bytes) {
        return keep(new LogScanSourceFactory(store, bounded, batchRows, bytes, deadLetters, starts, progress));
    }

    /** Receives every record a scan skips as undecodable (called on the scan's driver thread). */
    public LogScanSourceFactory withDeadLetterListener(Consumer<DeadLetter> listener) {
        return keep(new LogScanSourceFactory(store, bounded, batchRows, fetchBytes, listener, starts, progress));
    }

    /** Where unbounded scans start (bounded scans always read from the log start). */
    public LogScanSourceFactory withStart(StartPositions positions) {
        return keep(new LogScanSourceFactory(store, bounded, batchRows, fetchBytes, deadLetters, positions, progress));
    }

    /**
     * Scans that read only the partitions {@code include} accepts (topic, partition): a task of a
     * view shared by several processes reads its own partitions of a topic.
     */
    public LogScanSourceFactory withPartitions(java.util.function.BiPredicate<String, Integer> include) {
        LogScanSourceFactory f = new LogScanSourceFactory(store, bounded, batchRows, fetchBytes, deadLetters, starts,
                progress);
        f.partitionFilter = include;
        return f;
    }

    /** Told after each fetch an unbounded scan has processed (see {@link ScanProgressListener}). */
    public LogScanSourceFactory withProgress(ScanProgressListener listener) {
        return keep(new LogScanSourceFactory(store, bounded, batchRows, fetchBytes, deadLetters, starts, listener));
    }

    private LogScanSourceFactory keep(LogScanSourceFactory f) {
        f.partitionFilter = partitionFilter;
        return f;
    }

    @Override
    public LogScanSource create(ScanNode scan, OperatorContext ctx) {
        return new LogScanSource(store, scan, bounded, batchRows, fetchBytes, deadLetters, resolveNow(scan),
                progress == null ? null : progress.forScan()).only(partitionFilter);
    }

    @Override
    public LogScanSource changes(ScanNode scan, OperatorContext ctx) {
        return new LogScanSource(store, scan, bounded, batchRows, fetchBytes, deadLetters, resolveNow(scan),
                progress == null ? null : progress.forScan(), true).only(partitionFilter);
    }

    /**
     * Start positions resolved when the plan is built, on the caller's thread, so {@code latest} means
     * the end when the statement ran, not when its query thread got round to opening the scan.
     */
    private StartPositions resolveNow(ScanNode scan) {
        String topic = scan.relation().storage().topic();
        if (bounded || starts == null || !store.topicExists(topic)) {
            return starts;
        }
        java.util.Map<Integer, Long> at = new java.util.HashMap<>();
        int n = store.describeTopic(topic).partitions().size();
        for (int p = 0; p < n; p++) {
            if (partitionFilter != null && !partitionFilter.test(topic, p)) {
                continue; // another task's: its start is not this scan's to resolve (a job's may commit it)
            }
            TopicPartition tp = new TopicPartition(topic, p);
            long logStart = store.logStartOffset(tp);
            long logEnd = store.logEndOffset(tp);
            at.put(p, starts.start(scan, tp, logStart, logEnd));
        }
        StartPositions later = starts;
        return new StartPositions() {
            @Override
            public long start(TopicPartition tp, long logStart, long logEnd) {
                Long v = at.get(tp.partition());
                return v != null ? v : later.start(tp, logStart, logEnd);
            }

            @Override
            public long start(ScanNode s, TopicPartition tp, long logStart, long logEnd) {
                Long v = at.get(tp.partition());
                return v != null ? v : later.start(s, tp, logStart, logEnd);
            }
        };
    }
}
