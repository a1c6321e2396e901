package dev.runnel.planner.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.StatementPlanner;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.planner.streaming.StreamingAnalysis;
import dev.runnel.planner.testing.TestCatalog;
import dev.runnel.planner.testing.TestStatements;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The window queries of Nexmark (q5, q7, q8, q11, q12; see shared/bench/NEXMARK.md), as the Nexmark
 * repository writes them (its `` quotes become ""), planned over streams with its columns and a
 * {@code dateTime - 4 s} watermark.
 */
class NexmarkWindowsTest {
    static final TestCatalog NEXMARK = TestCatalog.empty()
            .with(TestCatalog.stream("bid", List.of(c("auction", TypeKind.BIGINT), c("bidder", TypeKind.BIGINT),
                    c("price", TypeKind.BIGINT), c("channel", TypeKind.VARCHAR), c("url", TypeKind.VARCHAR),
                    c("dateTime", TypeKind.TIMESTAMP), c("extra", TypeKind.VARCHAR)),
                    Optional.of(new WatermarkSpec(5, 4000)), 4, Format.COLUMNAR, List.of(0)))
            .with(TestCatalog.stream("auction", List.of(c("id", TypeKind.BIGINT), c("itemName", TypeKind.VARCHAR),
                    c("description", TypeKind.VARCHAR), c("initialBid", TypeKind.BIGINT), c("reserve", TypeKind.BIGINT),
                    c("dateTime", TypeKind.TIMESTAMP), c("expires", TypeKind.TIMESTAMP), c("seller", TypeKind.BIGINT),
                    c("category", TypeKind.BIGINT), c("extra", TypeKind.VARCHAR)),
                    Optional.of(new WatermarkSpec(5, 4000)), 4, Format.COLUMNAR, List.of(0)))
            .with(TestCatalog.stream("person", List.of(c("id", TypeKind.BIGINT), c("name", TypeKind.VARCHAR),
                    c("emailAddress", TypeKind.VARCHAR), c("creditCard", TypeKind.VARCHAR), c("city", TypeKind.VARCHAR),
                    c("state", TypeKind.VARCHAR), c("dateTime", TypeKind.TIMESTAMP), c("extra", TypeKind.VARCHAR)),
                    Optional.of(new WatermarkSpec(6, 4000)), 4, Format.COLUMNAR, List.of(0)));

    static Column c(String name, TypeKind kind) {
        return TestCatalog.col(name, kind);
    }

    /** The plan of a Nexmark query, written as in the Nexmark repository but with "" for its `` quotes. */
    static PhysicalNode plan(String sql) {
        return ((PlannedStatement.Query) new StatementPlanner().plan(TestStatements.query(sql.replace('`', '"')),
                NEXMARK, Map.of())).root();
    }

    static List<WindowAggregateNode> windows(PhysicalNode n) {
        List<WindowAggregateNode> out = new ArrayList<>();
        if (n instanceof WindowAggregateNode w) {
            out.add(w);
        }
        n.inputs().forEach(i -> out.addAll(windows(i)));
        return out;
    }

    static List<String> warnings(PhysicalNode root) {
        return StreamingAnalysis.analyze(root).unboundedState();
    }

    static final String Q5 = """
SELECT AuctionBids.auction, AuctionBids.num
 FROM (
   SELECT
     auction,
     count(*) AS num,
     window_start AS starttime,
     window_end AS endtime
     FROM TABLE(
             HOP(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
     GROUP BY auction, window_start, window_end
 ) AS AuctionBids
 JOIN (
   SELECT
     max(CountBids.num) AS maxn,
     CountBids.starttime,
     CountBids.endtime
   FROM (
     SELECT
       count(*) AS num,
       window_start AS starttime,
       window_end AS endtime
     FROM TABLE(
                HOP(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
     GROUP BY auction, window_start, window_end
     ) AS CountBids
   GROUP BY CountBids.starttime, CountBids.endtime
 ) AS MaxBids
 ON AuctionBids.starttime = MaxBids.starttime AND
    AuctionBids.endtime = MaxBids.endtime AND
    AuctionBids.num >= MaxBids.maxn""";

    static final String Q7 = """
SELECT B.auction, B.price, B.bidder, B.`dateTime`, B.extra
from bid B
JOIN (
  SELECT MAX(price) AS maxprice, window_end as `dateTime`
  FROM TABLE(
          TUMBLE(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end
) B1
ON B.price = B1.maxprice
WHERE B.`dateTime` BETWEEN B1.`dateTime`  - INTERVAL '10' SECOND AND B1.`dateTime`""";

    static final String Q8 = """
SELECT P.id, P.name, P.starttime
FROM (
  SELECT id, name,
        window_start AS starttime,
        window_end AS endtime
  FROM TABLE(
            TUMBLE(TABLE person, DESCRIPTOR(`dateTime`), INTERVAL '10' SECOND))
  GROUP BY id, name, window_start, window_end
) P
JOIN (
  SELECT seller,
        window_start AS starttime,
        window_end AS endtime
  FROM TABLE(
        TUMBLE(TABLE auction, DESCRIPTOR(`dateTime`), INTERVAL '10' SECOND))
  GROUP BY seller, window_start, window_end
) A
ON P.id = A.seller AND P.starttime = A.starttime AND P.endtime = A.endtime""";

    static final String Q11 = """
SELECT
    B.bidder,
    count(*) as bid_count,
    SESSION_START(B.`dateTime`, INTERVAL '10' SECOND) as starttime,
    SESSION_END(B.`dateTime`, INTERVAL '10' SECOND) as endtime
FROM bid B
GROUP BY B.bidder, SESSION(B.`dateTime`, INTERVAL '10' SECOND)""";

    static final String Q12 = """
WITH B AS (SELECT *, PROCTIME() as p_time FROM bid)
SELECT
    bidder,
    count(*) as bid_count,
    window_start AS starttime,
    window_end AS endtime
FROM TABLE(
        TUMBLE(TABLE B, DESCRIPTOR(p_time), INTERVAL '10' SECOND))
GROUP BY bidder, window_start, window_end""";

    @Test
    void q5() {
        PhysicalNode root = plan(Q5);
        // both sides count bids per auction in 2-second hops of 10 seconds; the maximum per window and the
        // join of the two are regular operators for now (window propagation and window joins come later)
        assertThat(windows(root)).extracting(WindowAggregateNode::window)
                .containsExactly(WindowSpec.hop(1, 2_000, 10_000), WindowSpec.hop(1, 2_000, 10_000));
        assertThat(root.inputs().get(0)).isInstanceOf(HashJoinNode.class);
        assertThat(warnings(root)).hasSize(2);
    }

    @Test
    void q7() {
        PhysicalNode root = plan(Q7);
        assertThat(windows(root)).extracting(WindowAggregateNode::window)
                .containsExactly(WindowSpec.tumble(1, 10_000));
        // the join back to the bids is a regular join (an interval join would bound its state)
        assertThat(warnings(root)).containsExactly("HashJoin[INNER] (a regular join) keeps every row of bid for as long as the"
                + " query runs");
    }

    @Test
    void q8() {
        PhysicalNode root = plan(Q8);
        assertThat(windows(root)).extracting(WindowAggregateNode::window)
                .containsExactly(WindowSpec.tumble(2, 10_000), WindowSpec.tumble(1, 10_000));
        assertThat(windows(root)).extracting(w -> w.calls().size()).containsExactly(0, 0); // GROUP BY only
        // the join of the two window results on both window bounds is a window join (Flink propagates the
        // windows): its state is bounded by the watermark
        assertThat(StreamJoinPlanTest.find(root, dev.runnel.planner.physical.WindowJoinNode.class))
                .satisfies(j -> assertThat(j.attached()).isTrue());
        assertThat(warnings(root)).isEmpty();
    }

    @Test
    void q11() {
        PhysicalNode root = plan(Q11);
        WindowAggregateNode w = windows(root).get(0);
        assertThat(w.window()).isEqualTo(WindowSpec.session(1, 10_000, List.of(0)));
        assertThat(w.groupKeys()).containsExactly(0);
        assertThat(warnings(root)).isEmpty();
    }

    @Test
    void q12() {
        // q12's CREATE VIEW B AS SELECT *, PROCTIME() AS p_time FROM bid, as a WITH item (no views yet)
        PhysicalNode root = plan(Q12);
        WindowAggregateNode w = windows(root).get(0);
        assertThat(w.processingTime()).isTrue();
        assertThat(w.watermarkColumn()).isEqualTo(-1); // the wall clock decides, not the stream's watermark
        assertThat(w.window().size()).isEqualTo(10_000);
        assertThat(warnings(root)).isEmpty();
    }
}
