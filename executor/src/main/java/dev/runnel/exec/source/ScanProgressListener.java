package dev.runnel.exec.source;

import dev.runnel.log.TopicPartition;

/**
 * Hears, on the scan's thread, that every row of a partition below {@code nextOffset} has been
 * emitted and its {@link dev.runnel.exec.operator.Output#emit} has returned (so a synchronous sink
 * downstream has written what those rows produced): where a job commits its consumer group's
 * offsets, and what a view's read-your-writes waits on. A scan reports each partition's start when
 * it opens (nothing below it is left to read), then after each fetch.
 */
@FunctionalInterface
public interface ScanProgressListener {
    void processed(TopicPartition tp, long nextOffset);

    /**
     * The listener one scan of a plan reports to. When a plan reads a topic in several scans (a
     * self-join, a table read as rows and as changes) a partition is processed only as far as its
     * slowest scan got: {@link LowestScanPositions} passes that on. This default is for listeners of
     * plans with one scan per topic.
     */
    default ScanProgressListener forScan() {
        return this;
    }
}
