package dev.runnel.exec.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.Session;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * APPROX_COUNT_DISTINCT through SQL on the streaming goldens' 12,000 bids: Flink SQL has it in batch
 * mode only and its sketch differs, so instead of a golden the test checks the sketch's bounds
 * against COUNT(DISTINCT): equal where a group has at most 1,024 different values (every window
 * here), within 2.5% beyond (the ~11,900 different event times).
 */
class ApproxCountDistinctSqlTest {
    @Test
    void inWindowAggregatesAndGroupByTheEstimateIsExactForSmallGroupsAndCloseForLargeOnes() {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session session = engine.openSession()) {
            session.execute("CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR,"
                    + " date_time TIMESTAMP(3), WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)"
                    + " WITH (partitions = 1)");
            session.execute("COPY bids FROM '" + StreamingGoldenTest.DIR.resolve("data/bids.csv").toAbsolutePath()
                    + "' WITH (format = 'csv')");
            List<String> windows = StreamingGoldenTest.pull(session, "SELECT window_start, channel,"
                    + " APPROX_COUNT_DISTINCT(bidder) - COUNT(DISTINCT bidder) AS diff, COUNT(*) AS n"
                    + " FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
                    + " GROUP BY window_start, window_end, channel");
            assertThat(windows).hasSizeGreaterThan(100).allSatisfy(row -> assertThat(row.split(",")[2]).isEqualTo("0"));

            String totals = StreamingGoldenTest.pull(session, "SELECT APPROX_COUNT_DISTINCT(date_time),"
                    + " COUNT(DISTINCT date_time), APPROX_COUNT_DISTINCT(channel), APPROX_COUNT_DISTINCT(price)"
                    + " FROM bids").get(0);
            String[] f = totals.split(",");
            long approx = Long.parseLong(f[0]);
            long exact = Long.parseLong(f[1]);
            assertThat(exact).isGreaterThan(10_000);
            assertThat(Math.abs(approx - exact) / (double) exact).isLessThan(0.025);
            assertThat(f[2]).isEqualTo("4");
        }
    }
}
