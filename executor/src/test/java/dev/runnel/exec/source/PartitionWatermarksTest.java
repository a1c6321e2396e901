package dev.runnel.exec.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.junit.jupiter.api.Test;

/**
 * A block's per-row {@code _watermark}s: the partition's watermark formed by the rows before each,
 * NULL before the partition's first event time, whatever the block's start, size and NULLs, and
 * carried from block to block. Checked against a row-at-a-time rule on random blocks, with and
 * without NULL event times (the latter take the range path).
 */
class PartitionWatermarksTest {
    private static final long DELAY = 4_000;

    @Test
    void everyRowGetsTheWatermarkOfTheRowsBeforeIt() {
        Random r = new Random(17);
        try (RootAllocator allocator = new RootAllocator()) {
            for (int trial = 0; trial < 200; trial++) {
                boolean nulls = trial % 2 == 1;
                PartitionWatermarks w = new PartitionWatermarks(1, DELAY, -1, 0);
                Long max = null;
                for (int block = 0; block < 3; block++) {
                    int rows = 1 + r.nextInt(100);
                    int from = r.nextInt(Math.min(rows, 12));
                    try (TimeStampMilliVector time = new TimeStampMilliVector("t", allocator);
                            TimeStampMilliVector out = new TimeStampMilliVector("w", allocator)) {
                        time.allocateNew(rows);
                        out.allocateNew(rows);
                        List<Long> times = new ArrayList<>();
                        boolean falling = r.nextBoolean(); // the block's largest time first, or anywhere
                        for (int i = 0; i < rows; i++) {
                            long v = falling ? 1_000_000L + 20_000L * (3 - block) - i : 1_000_000L + r.nextInt(20_000);
                            Long t = nulls && r.nextInt(4) == 0 ? null : v;
                            times.add(t);
                            if (t == null) {
                                time.setNull(i);
                            } else {
                                time.set(i, t);
                            }
                        }
                        time.setValueCount(rows);
                        out.setValueCount(rows);
                        // a scan that does not project _watermark only advances the partition's
                        boolean perRow = r.nextInt(3) > 0;
                        w.fillBlock(0, time, from, rows, perRow ? out : null);
                        for (int i = from; i < rows; i++) {
                            Long expected = max == null ? null : max - DELAY;
                            if (perRow) {
                                assertThat(out.isNull(i) ? null : out.get(i))
                                        .as("trial %d, block %d, row %d", trial, block, i).isEqualTo(expected);
                            }
                            Long t = times.get(i);
                            if (t != null) {
                                max = max == null ? t : Math.max(max, t);
                            }
                        }
                        assertThat(w.partitionWatermark(0)).as("trial %d, after block %d", trial, block)
                                .isEqualTo(max == null ? PartitionWatermarks.NONE : max - DELAY);
                    }
                }
                assertThat(w.partitionWatermark(0)).as("trial %d", trial).isEqualTo(max == null ? PartitionWatermarks.NONE : max - DELAY);
            }
        }
    }
}
