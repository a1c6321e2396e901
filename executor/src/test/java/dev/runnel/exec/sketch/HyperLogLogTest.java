package dev.runnel.exec.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The bounds HyperLogLog promises: exact counts up to {@link HyperLogLog#EXACT_LIMIT} different
 * values, and beyond that within 2.5% (about three standard errors of 1.04 / sqrt(2^14) = 0.81%)
 * for every cardinality tried, up to 1,000,000.
 */
class HyperLogLogTest {
    private static HyperLogLog sketchOf(long first, int distinct, int copies) {
        HyperLogLog h = new HyperLogLog();
        for (int c = 0; c < copies; c++) {
            for (long v = first; v < first + distinct; v++) {
                h.add(XxHash64.hashLong(v));
            }
        }
        return h;
    }

    @Test
    void anEmptySketchCountsZero() {
        assertThat(new HyperLogLog().estimate()).isZero();
    }

    @Test
    void upToTheExactLimitEveryCardinalityIsCountedExactlyWhateverTheRepeats() {
        for (int n = 1; n <= HyperLogLog.EXACT_LIMIT; n += n < 40 ? 1 : 37) {
            HyperLogLog h = sketchOf(1_000, n, 3);
            assertThat(h.exact()).isTrue();
            assertThat(h.estimate()).as("n = " + n).isEqualTo(n);
        }
        HyperLogLog full = sketchOf(-500, HyperLogLog.EXACT_LIMIT, 2);
        assertThat(full.estimate()).isEqualTo(HyperLogLog.EXACT_LIMIT);
        full.add(XxHash64.hashLong(1L << 40));
        assertThat(full.exact()).isFalse();
    }

    @Test
    void hashZeroIsAValueLikeAnyOther() {
        HyperLogLog h = new HyperLogLog();
        h.add(0);
        h.add(0);
        h.add(1);
        assertThat(h.estimate()).isEqualTo(2);
    }

    @Test
    void aMillionDistinctValuesAreEstimatedWithinTwoAndAHalfPercent() {
        int n = 1_000_000;
        HyperLogLog h = sketchOf(42, n, 1);
        assertThat(relativeError(h.estimate(), n)).isLessThan(0.025);
        // adding them all again changes nothing
        long before = h.estimate();
        for (long v = 42; v < 42 + n; v++) {
            h.add(XxHash64.hashLong(v));
        }
        assertThat(h.estimate()).isEqualTo(before);
    }

    @Test
    void justPastTheExactLimitAndThroughTheSmallAndMidRangesTheErrorStaysSmall() {
        // the dense sketch's small range (linear-counting territory) and the 2.5m..5m range where the raw
        // HyperLogLog estimate is biased: Ertl's estimator covers both
        for (int n : new int[] {1_025, 2_000, 5_000, 12_000, 40_000, 60_000, 80_000, 150_000, 400_000}) {
            HyperLogLog h = sketchOf(n * 7L, n, 1);
            assertThat(relativeError(h.estimate(), n)).as("n = " + n).isLessThan(0.025);
        }
    }

    @Test
    void overManySketchesTheErrorAveragesOutNearTheStandardError() {
        double sumSquares = 0;
        int sketches = 30;
        int n = 50_000;
        for (int s = 0; s < sketches; s++) {
            double e = relativeError(sketchOf((long) s << 32, n, 1).estimate(), n);
            sumSquares += e * e;
        }
        double rms = Math.sqrt(sumSquares / sketches);
        assertThat(rms).isLessThan(0.0081 * 1.6); // 1.04 / sqrt(2^14), with room for 30 samples
    }

    private static double relativeError(long estimate, long n) {
        return Math.abs(estimate - n) / (double) n;
    }
}
