package dev.runnel.exec.source;

import dev.runnel.log.TopicPartition;

/** One partition's read position and bounds. */
final class ScanPartition {
    final TopicPartition tp;
    /** Its index among the partitions the scan reads (the partition number when it reads them all). */
    final int slot;
    long position;
    long end;
    /** The offset after the last row emitted (or skipped): where a restored scan reads on from. */
    long emitted;
    /** After a restore, the end of the fetch that was interrupted; -1 otherwise. */
    long resumeLimit = -1;
    /** The position last told to the progress listener, -1 before the first. */
    long reported = -1;
    LatestPerKey latest;

    ScanPartition(TopicPartition tp, int slot, long position, long end) {
        this.tp = tp;
        this.slot = slot;
        this.position = position;
        this.emitted = position;
        this.end = end;
    }

    boolean done() {
        return position >= end;
    }
}
