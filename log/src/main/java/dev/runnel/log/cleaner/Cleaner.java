package dev.runnel.log.cleaner;

import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.record.RecordCursor;
import dev.runnel.log.storage.LogSegment;
import dev.runnel.log.storage.PartitionLog;
import dev.runnel.log.storage.SegmentFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Compacts one partition per call, as Kafka's {@code Cleaner} does.
 *
 * <ol>
 *   <li>Maps each key in the dirty part (from the first dirty offset to the active segment) to the
 *       offset of its latest record, stopping at a segment boundary if the {@link OffsetMap} fills.
 *       Below the first dirty offset every key occurs at most once already (an earlier pass made it
 *       so), so the map needs only the dirty part.</li>
 *   <li>Walks the cleanable range (log start up to where mapping stopped), oldest segment first.
 *       Each segment that would lose records (see {@link BatchFilter}) is rewritten into a
 *       {@link CleanedSegment} and swapped in; the others are left alone. Oldest first matters:
 *       a tombstone is only ever dropped after the older records of its key are gone.</li>
 * </ol>
 * Only inactive segments are read or replaced, so appends go on meanwhile; the swap itself is a short
 * critical section inside {@link PartitionLog#swapSegment}. A segment that loses every record stays
 * as an empty file, so segment base offsets never move.
 *
 * <p>Not thread-safe: one pass at a time ({@link LogCleaner} serializes them).
 */
final class Cleaner {
    /**
     * What a completed pass over a partition did.
     *
     * @param cleanedUpTo               every key below this offset now occurs at most once
     * @param oldestTombstoneAppendTime append time of the oldest tombstone left below it, or
     *                                  {@link BatchFilter#NO_TOMBSTONE}
     */
    record Pass(long cleanedUpTo, long oldestTombstoneAppendTime, LogCleaner.Stats stats) {}

    /** Thrown when the cleaner is asked to stop; the segment being written is discarded. */
    static final class StoppedException extends RuntimeException {
        StoppedException() {
            super("log cleaner stopping", null, false, false);
        }
    }

    private final Clock clock;
    private final OffsetMap map;
    private final CleanerHook hook;
    private final BooleanSupplier stopRequested;

    Cleaner(Clock clock, OffsetMap map, CleanerHook hook, BooleanSupplier stopRequested) {
        this.clock = clock;
        this.map = map;
        this.hook = hook;
        this.stopRequested = stopRequested;
    }

    /**
     * Cleans the inactive segments of {@code log}.
     *
     * @param firstDirtyOffset offsets below this are already clean (each key at most once)
     * @return what was done, or null if a segment was deleted or replaced under the pass (by
     *         retention), in which case nothing below the first dirty offset is promised
     * @throws StoppedException if the cleaner is stopping
     */
    Pass clean(PartitionLog log, long firstDirtyOffset) throws IOException {
        TopicConfig cfg = log.config();
        long now = clock.millis();
        // the active base first: a segment below it is inactive for good, even if a roll happens before the listing
        long activeBase = log.activeSegment().baseOffset();
        List<LogSegment> segments = new ArrayList<>();
        for (LogSegment s : log.inactiveSegments()) {
            if (s.baseOffset() < activeBase) {
                segments.add(s);
            }
        }
        int n = segments.size();
        long[] ends = new long[n];
        for (int i = 0; i < n; i++) {
            ends[i] = i + 1 < n ? segments.get(i + 1).baseOffset() : activeBase;
        }
        int firstDirty = 0;
        while (firstDirty < n && ends[firstDirty] <= firstDirtyOffset) {
            firstDirty++;
        }
        map.clear();
        try {
            int stop = buildOffsetMap(segments, firstDirty);
            long cleanedUpTo = stop < n ? segments.get(stop).baseOffset() : activeBase;
            long deadline = cfg.deleteRetentionMs() > now ? Long.MIN_VALUE : now - cfg.deleteRetentionMs();
            BatchFilter filter = new BatchFilter(map, deadline, cfg.compression(), cfg.segmentBytes());
            long oldestTombstone = BatchFilter.NO_TOMBSTONE;
            LogCleaner.Stats stats = LogCleaner.Stats.NONE;
            for (int i = 0; i < stop; i++) {
                LogSegment seg = segments.get(i);
                BatchFilter.Outcome scan = inspect(seg, filter);
                stats = stats.plus(new LogCleaner.Stats(0, scan.recordsRead(), 0, 0, 0));
                if (scan.recordsRemoved() == 0) {
                    oldestTombstone = Math.min(oldestTombstone, scan.oldestTombstoneAppendTime());
                    continue;
                }
                Rewrite r = rewrite(log, seg, filter);
                if (r == null) {
                    return null;
                }
                oldestTombstone = Math.min(oldestTombstone, r.oldestTombstoneAppendTime);
                stats = stats.plus(new LogCleaner.Stats(1, 0, r.recordsRemoved, seg.size(), r.bytesAfter));
            }
            return new Pass(cleanedUpTo, oldestTombstone, stats);
        } finally {
            map.clear();
        }
    }

    /** Maps segments from {@code from} on; returns the index of the first segment not fully mapped. */
    private int buildOffsetMap(List<LogSegment> segments, int from) throws IOException {
        for (int i = from; i < segments.size(); i++) {
            boolean mayStop = i > from;
            if (mayStop && map.isFull()) {
                return i;
            }
            boolean whole = SegmentBatches.forEach(segments.get(i), batch -> {
                checkStop();
                if (batch.isPayload()) {
                    return !(mayStop && map.isFull());
                }
                RecordCursor c = batch.records();
                while (c.next()) {
                    if (c.keyLength() >= 0) {
                        map.put(c);
                    }
                }
                // keys mapped from a segment we stop in are harmless: their records are newer still
                return !(mayStop && map.isFull());
            });
            if (!whole) {
                return i;
            }
        }
        return segments.size();
    }

    /** Totals of {@link BatchFilter#inspect} over a segment. */
    private BatchFilter.Outcome inspect(LogSegment seg, BatchFilter filter) throws IOException {
        long[] totals = {0, 0, BatchFilter.NO_TOMBSTONE};
        SegmentBatches.forEach(seg, batch -> {
            checkStop();
            BatchFilter.Outcome o = filter.inspect(batch);
            totals[0] += o.recordsRead();
            totals[1] += o.recordsRemoved();
            totals[2] = Math.min(totals[2], o.oldestTombstoneAppendTime());
            return true;
        });
        return new BatchFilter.Outcome(null, (int) totals[0], (int) totals[1], totals[2]);
    }

    /** What rewriting one segment did. */
    private static final class Rewrite {
        long recordsRemoved;
        long bytesAfter;
        long oldestTombstoneAppendTime = BatchFilter.NO_TOMBSTONE;
    }

    /** Writes the filtered copy of {@code seg} and swaps it in; null if the log no longer has {@code seg}. */
    private Rewrite rewrite(PartitionLog log, LogSegment seg, BatchFilter filter) throws IOException {
        TopicPartition tp = log.topicPartition();
        Rewrite r = new Rewrite();
        try (CleanedSegment out = CleanedSegment.create(log.directory(), seg.baseOffset())) {
            SegmentBatches.forEach(seg, batch -> {
                checkStop();
                BatchFilter.Outcome o = filter.filter(batch);
                r.recordsRemoved += o.recordsRemoved();
                r.oldestTombstoneAppendTime = Math.min(r.oldestTombstoneAppendTime, o.oldestTombstoneAppendTime());
                if (o.batch() != null) {
                    out.append(o.batch());
                }
                return true;
            });
            checkStop();
            out.finishWriting();
            r.bytesAfter = out.size();
            hook.reached(CleanerHook.Step.CLEANED_WRITTEN, tp, out.cleanedFile());
            checkStop();
            Path swap = out.promote();
            hook.reached(CleanerHook.Step.SWAP_RENAMED, tp, swap);
            if (!log.swapSegment(seg, swap)) {
                return null;
            }
            hook.reached(CleanerHook.Step.SWAPPED, tp, SegmentFiles.log(log.directory(), seg.baseOffset()));
        }
        return r;
    }

    private void checkStop() {
        if (stopRequested.getAsBoolean()) {
            throw new StoppedException();
        }
    }
}
