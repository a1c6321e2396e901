package dev.runnel.planner.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.IntervalJoinNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.WindowJoinNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.planner.testing.Planning;
import dev.runnel.sql.RunnelSqlException;
import org.junit.jupiter.api.Test;

/**
 * Which joins of two streams become interval joins (time bounds in the condition, every
 * comparison form) and window joins (two window table functions on both window bounds), and the
 * errors for the shapes that cannot be either, over {@code TestCatalog.standard()} (auctions with
 * event time column 4, bids with column 5).
 */
class StreamJoinPlanTest {
    static final String FROM = "SELECT a.id, b.price FROM auctions a ";

    static <T> T find(PhysicalNode n, Class<T> type) {
        if (type.isInstance(n)) {
            return type.cast(n);
        }
        for (PhysicalNode i : n.inputs()) {
            T t = find(i, type);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    static IntervalJoinNode interval(String sql) {
        IntervalJoinNode j = find(Planning.root(sql), IntervalJoinNode.class);
        assertThat(j).as("an interval join in " + sql).isNotNull();
        return j;
    }

    @Test
    void betweenBoundsTheRightTimeByTheLeftOneBothEndsIncluded() {
        IntervalJoinNode j = interval(FROM + "JOIN bids b ON a.id = b.auction"
                + " AND b.date_time BETWEEN a.date_time - INTERVAL '5' SECOND AND a.date_time + INTERVAL '10' SECOND");
        assertThat(j.kind()).isEqualTo(JoinKind.INNER);
        assertThat(j.lower()).isEqualTo(-5_000);
        assertThat(j.upper()).isEqualTo(10_000);
        assertThat(j.leftKeys()).hasSize(1);
        assertThat(j.condition()).isEmpty();
        assertThat(j.watermarkDelay()).isEqualTo(10_000);
    }

    @Test
    void strictComparisonsMoveTheBoundsByAMillisecondAndEitherSideMayBeWrittenFirst() {
        IntervalJoinNode j = interval(FROM + "LEFT JOIN bids b ON a.id = b.auction"
                + " AND a.date_time < b.date_time + INTERVAL '1' MINUTE AND b.date_time < a.date_time");
        assertThat(j.kind()).isEqualTo(JoinKind.LEFT);
        assertThat(j.lower()).isEqualTo(-59_999);
        assertThat(j.upper()).isEqualTo(-1);
        IntervalJoinNode k = interval(FROM + "RIGHT JOIN bids b ON b.auction = a.id"
                + " AND b.date_time >= a.date_time AND a.date_time + INTERVAL '2' SECOND >= b.date_time AND b.price > 10");
        assertThat(k.kind()).isEqualTo(JoinKind.RIGHT);
        assertThat(k.lower()).isZero();
        assertThat(k.upper()).isEqualTo(2_000);
        assertThat(k.condition()).as("the residual").isPresent();
    }

    @Test
    void aJoinWithOnlyOneTimeBoundOrOnAColumnThatIsNoTimeAttributeStaysARegularJoin() {
        assertThat(find(Planning.root(FROM + "JOIN bids b ON a.id = b.auction AND b.date_time >= a.date_time"),
                HashJoinNode.class)).isNotNull();
        assertThat(find(Planning.root(FROM + "JOIN bids b ON a.id = b.auction AND b.date_time"
                + " BETWEEN a.expires - INTERVAL '1' SECOND AND a.expires"), HashJoinNode.class)).isNotNull();
    }

    @Test
    void boundsThatAdmitNoPairAreAnError() {
        RunnelSqlException e = Planning.queryError(FROM + "JOIN bids b ON a.id = b.auction"
                + " AND b.date_time >= a.date_time + INTERVAL '5' SECOND AND b.date_time <= a.date_time");
        assertThat(e.sqlState()).isEqualTo("42000");
        assertThat(e.getMessage()).contains("admit no pair of rows");
    }

    static final String WINDOWS = "SELECT L.id, R.price, L.window_start FROM"
            + " (SELECT * FROM TABLE(TUMBLE(TABLE auctions, DESCRIPTOR(date_time), INTERVAL '10' SECOND))) L"
            + " %s JOIN (SELECT * FROM TABLE(%s)) R ON L.id = R.auction AND L.window_start = R.window_start%s";

    @Test
    void twoWindowFunctionsJoinedOnBothBoundsAreAWindowJoin() {
        PhysicalNode root = Planning.root(String.format(WINDOWS, "FULL",
                "TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)", " AND L.window_end = R.window_end"));
        WindowJoinNode j = find(root, WindowJoinNode.class);
        assertThat(j).isNotNull();
        assertThat(j.kind()).isEqualTo(JoinKind.FULL);
        // each side reads only what the query uses: auctions id and date_time, bids auction, price and date_time
        assertThat(j.left().schema().columns()).extracting(c -> c.name()).containsExactly("id", "date_time");
        assertThat(j.right().schema().columns()).extracting(c -> c.name()).containsExactly("auction", "price",
                "date_time");
        assertThat(j.window()).isEqualTo(WindowSpec.tumble(1, 10_000));
        assertThat(j.rightTime()).isEqualTo(2);
        assertThat(j.leftKeys()).containsExactly(0);
        assertThat(j.rightKeys()).containsExactly(0);
    }

    @Test
    void windowJoinsOfDifferentWindowsOrWithoutBothBoundsAreNotSupported() {
        RunnelSqlException different = Planning.queryError(String.format(WINDOWS, "",
                "TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '20' SECOND)", " AND L.window_end = R.window_end"));
        assertThat(different.sqlState()).isEqualTo("0A000");
        assertThat(different.getMessage()).contains("different windows");
        RunnelSqlException oneBound = Planning.queryError(String.format(WINDOWS, "",
                "TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)", ""));
        assertThat(oneBound.sqlState()).isEqualTo("0A000");
        assertThat(oneBound.getMessage()).contains("both window_start and window_end");
    }
}
