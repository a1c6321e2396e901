package dev.runnel.exec.source;

import dev.runnel.log.TopicPartition;

/**
 * Hears, on the scan's thread, that every row of a partition below {@code nextOffset} has been
 * emitted and its {@link dev.runnel.exec.operator.Output#emit} has returned (so a synchronous sink downstream has written
 * what those rows produced): where a job commits its consumer group's offsets.
 */
@FunctionalInterface
public interface ScanProgressListener {
    void processed(TopicPartition tp, long nextOffset);
}
