package dev.runnel.exec.source;

import dev.runnel.log.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ScanProgressListener} for a plan that may read a topic in several scans: each scan gets
 * its own slot ({@link #forScan}), and the listener downstream hears, per partition, the lowest
 * position over the scans that read it, whenever that moves. Without this a scan ahead of another
 * over the same partition (the two sides of a self-join) would claim rows the other has not
 * processed yet: a view would answer read-your-writes with one side behind, a job would commit
 * offsets past rows one of its scans has not read. One per built plan; thread-safe.
 */
public final class LowestScanPositions implements ScanProgressListener {
    private final ScanProgressListener downstream;
    private final List<Map<TopicPartition, Long>> scans = new ArrayList<>();
    private final Map<TopicPartition, Long> told = new HashMap<>();
    private final ScanProgressListener own;

    public LowestScanPositions(ScanProgressListener downstream) {
        this.downstream = downstream;
        this.own = forScan();
    }

    @Override
    public ScanProgressListener forScan() {
        Map<TopicPartition, Long> slot = new HashMap<>();
        synchronized (this) {
            scans.add(slot);
        }
        return (tp, next) -> progressed(slot, tp, next);
    }

    /** As from a scan with a slot of its own, shared by every caller of this method. */
    @Override
    public void processed(TopicPartition tp, long nextOffset) {
        own.processed(tp, nextOffset);
    }

    private void progressed(Map<TopicPartition, Long> slot, TopicPartition tp, long next) {
        long lowest;
        synchronized (this) {
            slot.put(tp, next);
            lowest = Long.MAX_VALUE;
            for (Map<TopicPartition, Long> scan : scans) {
                Long at = scan.get(tp);
                if (at != null) {
                    lowest = Math.min(lowest, at);
                }
            }
            Long before = told.put(tp, lowest);
            if (before != null && before == lowest) {
                return;
            }
        }
        downstream.processed(tp, lowest);
    }
}
