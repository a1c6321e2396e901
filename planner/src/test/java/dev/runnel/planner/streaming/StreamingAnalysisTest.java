package dev.runnel.planner.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.streaming.StreamingAnalysis.Analysis;
import dev.runnel.planner.testing.Planning;
import org.junit.jupiter.api.Test;

/** The streaming analysis of whole plans: what each node's output is and how its state is bounded. */
class StreamingAnalysisTest {
    private static String top(String sql) {
        PhysicalNode root = Planning.root(sql);
        return StreamingAnalysis.analyze(root).of(root).describe();
    }

    @Test
    void streamsAppendTablesUpdateAndStatelessNodesPassThat() {
        assertThat(top("SELECT auction FROM bids WHERE price > 5")).isEqualTo("append-only; stateless");
        assertThat(top("SELECT id FROM users")).isEqualTo("updating; stateless");
        assertThat(top("SELECT auction FROM bids UNION ALL SELECT id FROM users")).isEqualTo("updating; stateless");
        assertThat(top("VALUES (1), (2)")).isEqualTo("append-only; stateless");
        assertThat(top("SELECT * FROM bids")).isEqualTo(
                "append-only; watermark date_time - INTERVAL '4' SECOND; stateless");
    }

    @Test
    void windowsAreBoundedByTheWatermarkAndUpdateOnlyUnderLateUpdate() {
        PhysicalNode root = Planning.root("SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time),"
                + " INTERVAL '10' SECOND)) GROUP BY window_start, window_end");
        Analysis a = StreamingAnalysis.analyze(root);
        assertThat(a.of(root.inputs().get(0)).describe()).isEqualTo("append-only; event time date_time, watermark"
                + " date_time - INTERVAL '4' SECOND, late rows by _watermark; state bounded by watermark");
        assertThat(a.unboundedState()).isEmpty();
        assertThat(top("SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY window_start, window_end")).isEqualTo("updating; stateless");
    }

    @Test
    void regularAggregatesJoinsAndSortsOverStreamsGrowWithoutBound() {
        PhysicalNode agg = Planning.root("SELECT channel, COUNT(*) FROM bids GROUP BY channel");
        assertThat(StreamingAnalysis.analyze(agg).of(agg).describe())
                .isEqualTo("updating; state grows with distinct keys (channel)");
        assertThat(StreamingAnalysis.analyze(agg).unboundedState()).containsExactly("Aggregate[group: channel] keeps"
                + " a row per distinct channel of bids for as long as the query runs; group by a window (TUMBLE, HOP,"
                + " SESSION, CUMULATE) to bound it");
        assertThat(top("SELECT COUNT(*) FROM bids")).isEqualTo("updating; state: one row");
        assertThat(top("SELECT COUNT(*) FROM (VALUES (1), (2)) AS t(x)"))
                .isEqualTo("append-only; state bounded by its input");

        PhysicalNode left = Planning.root("SELECT a.id, b.price FROM auctions a LEFT JOIN bids b ON a.id = b.auction");
        assertThat(StreamingAnalysis.analyze(left).of(left.inputs().get(0)).describe())
                .isEqualTo("updating; regular join; state grows with every row of auctions and bids");

        assertThat(top("SELECT * FROM bids ORDER BY price DESC LIMIT 3"))
                .isEqualTo("updating; state bounded by fetch (3 rows)");
        assertThat(top("SELECT * FROM bids LIMIT 3")).isEqualTo("append-only; stateless (counts rows)");
        PhysicalNode sorted = Planning.root("SELECT auction FROM bids ORDER BY price");
        assertThat(StreamingAnalysis.analyze(sorted).unboundedState()).anySatisfy(w -> assertThat(w)
                .startsWith("Sort[price] keeps every row of bids"));
    }
}
