package dev.runnel.planner.translate;

import static dev.runnel.planner.testing.Planning.root;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.SortNode.SortKey;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.planner.physical.WindowTopNNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowTopNTranslatorTest {
    private static final String TUMBLE = "TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))";

    private static String overFunction(String order, String where) {
        return "SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, auction ORDER BY "
                + order + ") AS rownum FROM " + TUMBLE + ") WHERE " + where;
    }

    private static WindowTopNNode topN(PhysicalNode node) {
        PhysicalNode n = node;
        while (!(n instanceof WindowTopNNode)) {
            n = n.inputs().get(0);
        }
        return (WindowTopNNode) n;
    }

    @Test
    void overAWindowAggregateTheRowsCarryTheirWindow() {
        PhysicalNode plan = root("SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end"
                + " ORDER BY bids DESC, auction) AS rownum FROM (SELECT window_start, window_end, auction, COUNT(*) AS"
                + " bids FROM " + TUMBLE + " GROUP BY window_start, window_end, auction)) WHERE rownum <= 3");
        WindowTopNNode node = (WindowTopNNode) plan;
        assertThat(node.windows()).isEqualTo(new WindowTopNNode.Attached(0, 1));
        assertThat(node.partitionKeys()).isEmpty();
        assertThat(node.order()).containsExactly(new SortKey(3, true, false), new SortKey(2, false, true));
        assertThat(List.of(node.rankStart(), node.rankEnd())).containsExactly(1L, 3L);
        assertThat(node.kind()).isEqualTo(WindowTopNNode.Kind.TOP_N);
        assertThat(node.schema().columns().stream().map(c -> c.name()).toList())
                .containsExactly("window_start", "window_end", "auction", "bids", "rownum");
    }

    @Test
    void overAWindowFunctionTheNodeAssignsTheWindowsAndTheRowNumberCanBeProjectedAway() {
        PhysicalNode plan = root("SELECT auction, price FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start,"
                + " window_end ORDER BY price DESC) AS rownum FROM TABLE(HOP(TABLE bids, DESCRIPTOR(date_time),"
                + " INTERVAL '5' SECOND, INTERVAL '10' SECOND))) WHERE rownum < 4");
        assertThat(plan.schema().columns().stream().map(c -> c.name()).toList()).containsExactly("auction", "price");
        WindowTopNNode node = topN(plan);
        WindowTopNNode.Assigned windows = (WindowTopNNode.Assigned) node.windows();
        assertThat(windows.spec()).isEqualTo(WindowSpec.hop(2, 5_000, 10_000));
        assertThat(windows.late()).isEqualTo(LatePolicy.DROP);
        assertThat(node.input().schema().get(windows.watermarkColumn()).name()).isEqualTo("_watermark");
        assertThat(node.partitionKeys()).isEmpty();
        assertThat(node.rankEnd()).isEqualTo(3);
        assertThat(plan).isInstanceOf(ProjectNode.class);
    }

    @Test
    void theFilterGivesTheRankRangeWhicheverWayItIsWritten() {
        assertThat(topN(root(overFunction("price DESC", "3 >= rownum"))).rankEnd()).isEqualTo(3);
        WindowTopNNode between = topN(root(overFunction("price DESC", "rownum BETWEEN 2 AND 4")));
        assertThat(List.of(between.rankStart(), between.rankEnd())).containsExactly(2L, 4L);
        WindowTopNNode greater = topN(root(overFunction("price DESC", "rownum > 1 AND rownum <= 2")));
        assertThat(List.of(greater.rankStart(), greater.rankEnd())).containsExactly(2L, 2L);
        assertThat(topN(root(overFunction("price DESC", "rownum = 0"))).rankEnd()).isZero();
    }

    @Test
    void rowNumberOneOrderedByTheTimeAttributeIsADeduplication() {
        WindowTopNNode first = topN(root(overFunction("date_time", "rownum = 1")));
        assertThat(first.kind()).isEqualTo(WindowTopNNode.Kind.DEDUPLICATE);
        assertThat(first.laterFirstOnTies()).isFalse();
        assertThat(first.input().schema().get(first.partitionKeys().get(0)).name()).isEqualTo("auction");
        WindowTopNNode last = topN(root(overFunction("date_time DESC", "rownum <= 1")));
        assertThat(last.kind()).isEqualTo(WindowTopNNode.Kind.DEDUPLICATE);
        assertThat(last.laterFirstOnTies()).isTrue();
        assertThat(topN(root(overFunction("price DESC", "rownum = 1"))).kind()).isEqualTo(WindowTopNNode.Kind.TOP_N);
        assertThat(topN(root(overFunction("date_time DESC", "rownum <= 2"))).laterFirstOnTies()).isFalse();
    }
}
