package dev.runnel.exec.source;

import dev.runnel.log.LogStore;
import dev.runnel.log.TopicPartition;
import dev.runnel.planner.ddl.ScanStart;
import dev.runnel.planner.physical.ScanNode;

/** Where an unbounded scan starts reading each partition. */
@FunctionalInterface
public interface StartPositions {
    /** An offset in {@code [logStart, logEnd]} (values outside are clamped). */
    long start(TopicPartition tp, long logStart, long logEnd);

    /**
     * Where {@code scan} starts reading {@code tp}: by default as for any scan; a start hint on
     * the scan ({@code OPTIONS(start = ...)}) wins over a session setting.
     */
    default long start(ScanNode scan, TopicPartition tp, long logStart, long logEnd) {
        return start(tp, logStart, logEnd);
    }

    /** Positions from a {@code scan.start} setting; a scan's own start hint takes precedence. */
    static StartPositions of(LogStore store, ScanStart start) {
        return new StartPositions() {
            @Override
            public long start(TopicPartition tp, long logStart, long logEnd) {
                return at(store, start, tp, logStart, logEnd);
            }

            @Override
            public long start(ScanNode scan, TopicPartition tp, long logStart, long logEnd) {
                return at(store, scan.start().orElse(start), tp, logStart, logEnd);
            }
        };
    }

    /** Where {@code start} says to begin in {@code tp}. */
    static long at(LogStore store, ScanStart start, TopicPartition tp, long logStart, long logEnd) {
        return switch (start.kind()) {
            case EARLIEST -> logStart;
            case LATEST -> logEnd;
            case TIMESTAMP -> store.offsetForTimestamp(tp, start.timestamp()).orElse(logEnd);
            case OFFSETS -> start.offsets().getOrDefault(tp.partition(), logStart);
        };
    }
}
