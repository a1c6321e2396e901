package dev.runnel.planner.query;

import static dev.runnel.planner.testing.Planning.queryError;
import static dev.runnel.planner.testing.Planning.root;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.physical.OverAggregateNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import org.junit.jupiter.api.Test;

/**
 * OVER windows a stream cannot run (Flink refuses the same) fail at planning with 0A000, a message
 * that says why, and the position of the OVER call; the ones it can run plan to an
 * {@link OverAggregateNode}.
 */
class OverErrorsTest {
    private static final String SELECT = "SELECT auction,\n  ";
    private static final SourcePos AT = new SourcePos(2, 3); // the function called with OVER

    private static void assertRefused(String over, String detail) {
        RunnelSqlException e = queryError(SELECT + over + " AS x FROM bids");
        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(e.position()).isEqualTo(AT);
    }

    @Test
    void theOrderMustBeTheStreamsEventTime() {
        assertRefused("SUM(price) OVER (PARTITION BY auction ORDER BY price)", "OVER windows' ordering in stream mode"
                + " must be defined on a time attribute: ORDER BY the stream's event-time column (its WATERMARK FOR),"
                + " not price");
        assertRefused("SUM(price) OVER (PARTITION BY auction)", "OVER windows' ordering in stream mode must be"
                + " defined on a time attribute: ORDER BY exactly one column, the stream's event-time column (its"
                + " WATERMARK FOR)");
    }

    @Test
    void theOrderMustBeAscending() {
        assertRefused("MAX(price) OVER (PARTITION BY auction ORDER BY date_time DESC)", "an OVER window on a stream can"
                + " only be ordered ascending (ORDER BY date_time DESC needs rows that come later)");
    }

    @Test
    void theFrameMustEndAtTheCurrentRow() {
        String detail = "an OVER frame on a stream must end at CURRENT ROW (FOLLOWING needs rows that come later,"
                + " which Flink does not support either)";
        assertRefused("MAX(price) OVER (PARTITION BY auction ORDER BY date_time ROWS BETWEEN 2 PRECEDING AND"
                + " 1 FOLLOWING)", detail);
        assertRefused("MAX(price) OVER (PARTITION BY auction ORDER BY date_time RANGE BETWEEN INTERVAL '1' SECOND"
                + " PRECEDING AND INTERVAL '1' SECOND FOLLOWING)", detail);
    }

    @Test
    void leadIsRefusedAsFlinkDoes() {
        assertRefused("LEAD(price) OVER (PARTITION BY auction ORDER BY date_time)", "LEAD is not supported on streams"
                + " (Flink neither: it needs the rows that come later); LAG over the same window gives the previous"
                + " rows");
    }

    @Test
    void callsOverDifferentWindowsAreRefused() {
        RunnelSqlException e = queryError("SELECT auction, SUM(price) OVER (PARTITION BY auction ORDER BY date_time),"
                + " MAX(price) OVER (ORDER BY date_time) FROM bids");
        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(e.detail()).startsWith("OVER calls with different windows in one SELECT are not supported");
    }

    @Test
    void aFilterOnAnOverAggregateIsAFilterNotATopN() {
        PhysicalNode plan = root("SELECT * FROM (SELECT auction, price, MAX(price) OVER (PARTITION BY auction"
                + " ORDER BY date_time ROWS 2 PRECEDING) AS m FROM bids) WHERE m > price");
        PhysicalNode n = plan;
        while (!(n instanceof OverAggregateNode)) {
            n = n.inputs().get(0);
        }
        assertThat(((OverAggregateNode) n).frame()).isEqualTo(new OverAggregateNode.Frame(
                OverAggregateNode.Frame.Kind.ROWS, 2));
    }

    @Test
    void aRangeFrameOnTheEventTimePlansAnOverAggregate() {
        PhysicalNode plan = root("SELECT auction, price, SUM(price) OVER w AS s, AVG(price) OVER w AS a,"
                + " LAG(price, 2) OVER (PARTITION BY auction ORDER BY date_time) AS l FROM bids"
                + " WINDOW w AS (PARTITION BY auction ORDER BY date_time)");
        OverAggregateNode node = (OverAggregateNode) plan.inputs().get(0);
        assertThat(node.frame()).isEqualTo(new OverAggregateNode.Frame(OverAggregateNode.Frame.Kind.RANGE, -1));
        assertThat(node.calls()).extracting(OverAggregateNode.OverCall::function).containsExactly(
                OverAggregateNode.Function.COUNT, OverAggregateNode.Function.SUM, OverAggregateNode.Function.LAG);
        assertThat(node.maxLagOffset()).isEqualTo(2);
        assertThat(node.input().schema().get(node.timeColumn()).name()).isEqualTo("date_time");
        assertThat(node.input().schema().get(node.watermarkColumn()).name()).isEqualTo("_watermark");
    }
}
