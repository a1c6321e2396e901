package dev.runnel.planner.translate;

import static dev.runnel.planner.testing.Planning.root;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.planner.testing.Planning;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Window queries to {@link WindowAggregateNode}: the exact node (window, time and watermark columns,
 * keys, calls, late policy, output layout) and its input, for each window kind and both forms.
 */
class WindowAggregateTranslatorTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType COUNT = DataType.of(TypeKind.BIGINT).notNull();
    private static final DataType WINDOW = DataType.of(TypeKind.TIMESTAMP).notNull();

    /** The window aggregate under the query's top projection. */
    private static WindowAggregateNode window(String sql) {
        PhysicalNode n = root(sql);
        while (!(n instanceof WindowAggregateNode)) {
            n = n.inputs().get(0);
        }
        return (WindowAggregateNode) n;
    }

    private static List<String> names(PhysicalNode n) {
        return n.schema().columns().stream().map(Column::name).toList();
    }

    @Test
    void tumbleReadsWhatItAggregatesThenTheTimeAttributeAndWatermark() {
        ProjectNode top = (ProjectNode) root("SELECT window_start, window_end, auction, COUNT(*) AS bids,"
                + " MAX(price) AS top FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
                + " GROUP BY window_start, window_end, auction");
        WindowAggregateNode w = (WindowAggregateNode) top.input();
        ScanNode scan = (ScanNode) w.input();

        assertThat(scan.columns()).containsExactly(0, 2, 5, 11); // auction, price, date_time, _watermark
        assertThat(w.window()).isEqualTo(WindowSpec.tumble(2, 10_000));
        assertThat(w.watermarkColumn()).isEqualTo(3);
        assertThat(w.groupKeys()).containsExactly(0);
        assertThat(w.calls()).containsExactly(new AggregateCall(AggFunction.COUNT, List.of(), false, -1, COUNT, "bids"),
                new AggregateCall(AggFunction.MAX, List.of(1), false, -1, BIGINT, "top"));
        assertThat(w.late()).isEqualTo(LatePolicy.DROP);
        // the node's row: keys, window_start, window_end, calls; the projection puts the query's order on top
        assertThat(names(w)).containsExactly("auction", "window_start", "window_end", "bids", "top");
        assertThat(w.schema().get(1).type()).isEqualTo(WINDOW);
        assertThat(top.exprs()).containsExactly(new InputRef(1, WINDOW), new InputRef(2, WINDOW),
                new InputRef(0, BIGINT), new InputRef(3, COUNT), new InputRef(4, BIGINT));
        assertThat(names(top)).containsExactly("window_start", "window_end", "auction", "bids", "top");
    }

    @Test
    void windowTimeIsWindowEndLessOneMillisecond() {
        ProjectNode top = (ProjectNode) root("SELECT window_time, COUNT(*) FROM TABLE(TUMBLE(TABLE bids,"
                + " DESCRIPTOR(date_time), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, window_time");
        assertThat(top.exprs().get(0)).isEqualTo(new Call(Operator.MINUS, List.of(new InputRef(1, WINDOW),
                new Literal(1L, DataType.of(TypeKind.INTERVAL_DAY_TIME).notNull())), WINDOW));
    }

    @Test
    void aRoutedWindowReadsEveryColumnOfItsStreamSoLateRowsLeaveUnchanged() {
        // found by the streaming goldens: a routed late row had NULL in every column the query did not use
        WindowAggregateNode w = window("SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE payments, DESCRIPTOR(ts),"
                + " INTERVAL '1' MINUTE)) GROUP BY window_start, window_end");
        assertThat(names(w.input())).containsSubsequence("id", "amount", "ts").contains("_watermark");
        assertThat(window("SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time),"
                + " INTERVAL '1' MINUTE)) GROUP BY window_start, window_end").input().schema().size())
                .isEqualTo(2); // drop: only the time attribute and the watermark
    }

    @Test
    void everyKindCarriesItsDurations() {
        String group = " GROUP BY window_start, window_end";
        assertThat(window("SELECT COUNT(*) FROM TABLE(HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '2' SECOND,"
                + " INTERVAL '10' SECOND))" + group).window()).isEqualTo(WindowSpec.hop(0, 2_000, 10_000));
        assertThat(window("SELECT COUNT(*) FROM TABLE(CUMULATE(TABLE bids, DESCRIPTOR(date_time),"
                + " INTERVAL '1' MINUTE, INTERVAL '1' HOUR))" + group).window())
                .isEqualTo(WindowSpec.cumulate(0, 60_000, 3_600_000));
        assertThat(window("SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '1' HOUR,"
                + " -INTERVAL '15' MINUTE))" + group).window())
                .isEqualTo(new WindowSpec(WindowSpec.Kind.TUMBLE, 0, 3_600_000, 0, 0, -900_000, List.of()));
        assertThat(window("SELECT COUNT(*) FROM TABLE(HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '1' MINUTE,"
                + " INTERVAL '5' MINUTE, INTERVAL '30' SECOND))" + group).window())
                .isEqualTo(new WindowSpec(WindowSpec.Kind.HOP, 0, 300_000, 60_000, 0, 30_000, List.of()));
    }

    @Test
    void sessionIsPartitionedByItsKeysWhichAreTheGroupKeys() {
        WindowAggregateNode w = window("SELECT bidder, window_start, COUNT(*) FROM TABLE(SESSION(TABLE bids"
                + " PARTITION BY bidder, DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
                + " GROUP BY bidder, window_start, window_end");
        assertThat(((ScanNode) w.input()).columns()).containsExactly(1, 5, 11);
        assertThat(w.window()).isEqualTo(WindowSpec.session(1, 10_000, List.of(0)));
        assertThat(w.groupKeys()).containsExactly(0);

        WindowAggregateNode calciteForm = window("SELECT bidder, window_start, COUNT(*) FROM TABLE(SESSION(TABLE bids,"
                + " DESCRIPTOR(date_time), DESCRIPTOR(bidder), INTERVAL '10' SECOND))"
                + " GROUP BY bidder, window_start, window_end");
        assertThat(calciteForm).isEqualTo(w);

        WindowAggregateNode twoKeys = window("SELECT COUNT(*) FROM TABLE(SESSION(TABLE bids PARTITION BY (auction,"
                + " bidder), DESCRIPTOR(date_time), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, bidder,"
                + " auction");
        assertThat(names(twoKeys.input())).containsExactly("bidder", "auction", "date_time", "_watermark");
        assertThat(twoKeys.groupKeys()).containsExactly(0, 1);
        assertThat(twoKeys.window().partitionKeys()).containsExactly(1, 0);
    }

    @Test
    void legacyGroupWindowsPlanLikeTheTableFunctions() {
        assertThat(window("SELECT auction, TUMBLE_START(date_time, INTERVAL '10' SECOND), COUNT(*) FROM bids"
                + " GROUP BY TUMBLE(date_time, INTERVAL '10' SECOND), auction").window())
                .isEqualTo(WindowSpec.tumble(1, 10_000));
        assertThat(window("SELECT HOP_END(date_time, INTERVAL '5' SECOND, INTERVAL '1' MINUTE), COUNT(*) FROM bids"
                + " GROUP BY HOP(date_time, INTERVAL '5' SECOND, INTERVAL '1' MINUTE)").window())
                .isEqualTo(WindowSpec.hop(0, 5_000, 60_000));

        String legacy = "SELECT bidder, COUNT(*) AS n, SESSION_START(date_time, INTERVAL '10' SECOND) AS s,"
                + " SESSION_END(date_time, INTERVAL '10' SECOND) AS e FROM bids"
                + " GROUP BY bidder, SESSION(date_time, INTERVAL '10' SECOND)";
        ProjectNode top = (ProjectNode) root(legacy);
        WindowAggregateNode w = (WindowAggregateNode) top.input();
        assertThat(w.window()).isEqualTo(WindowSpec.session(1, 10_000, List.of(0)));
        // SESSION_END is the window's end, not its start (Calcite converts both to the group key)
        assertThat(top.exprs()).containsExactly(new InputRef(0, BIGINT), new InputRef(3, COUNT),
                new InputRef(1, WINDOW), new InputRef(2, WINDOW));
        assertThat(names(top)).containsExactly("bidder", "n", "s", "e");
    }

    @Test
    void legacySessionKeysThatAreExpressionsBecomeColumns() {
        WindowAggregateNode w = window("SELECT COUNT(*) FROM bids"
                + " GROUP BY MOD(bidder, 10), SESSION(date_time, INTERVAL '10' SECOND)");
        assertThat(w.window().partitionKeys()).isEqualTo(w.groupKeys());
        assertThat(Planning.tree(w.input()).lines().findFirst().orElseThrow())
                .isEqualTo("Project[CAST(bidder % 10 AS INT) AS \"$f0\", date_time, _watermark]");
    }

    @Test
    void filtersBeforeTheWindowStayBelowItAndTheWatermarkComesThrough() {
        WindowAggregateNode w = window("SELECT COUNT(*) FROM TABLE(TUMBLE((SELECT auction, date_time AS ts FROM bids"
                + " WHERE price > 10), DESCRIPTOR(ts), INTERVAL '10' SECOND)) WHERE auction <> 7"
                + " GROUP BY window_start, window_end");
        assertThat(names(w.input())).containsExactly("ts", "_watermark");
        assertThat(w.window().timeColumn()).isEqualTo(0);
        assertThat(w.watermarkColumn()).isEqualTo(1);
        ProjectNode p = (ProjectNode) w.input();
        FilterNode f = (FilterNode) p.input();
        assertThat(Planning.tree(f)).isEqualTo(
                "Filter[price > 10 AND auction <> 7]\n"
                        + "  Scan[bids: auction, price, date_time, _watermark] (topic bids, 4 partitions, columnar)");
    }

    @Test
    void groupKeysMayBeExpressionsAndCallsKeepDistinctAndFilter() {
        WindowAggregateNode w = window("SELECT UPPER(channel), COUNT(DISTINCT bidder), SUM(price) FILTER"
                + " (WHERE price > 100) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
                + " GROUP BY window_start, window_end, UPPER(channel)");
        assertThat(Planning.tree(w.input()).lines().findFirst().orElseThrow()).isEqualTo(
                "Project[UPPER(channel) AS EXPR$0, bidder, price, (price > 100) IS TRUE AS \"$f5\", date_time,"
                        + " _watermark]");
        assertThat(w.groupKeys()).containsExactly(0);
        assertThat(w.calls().get(0).distinct()).isTrue();
        assertThat(w.calls().get(1).filterArg()).isEqualTo(3);
        assertThat(w.window().timeColumn()).isEqualTo(4);
        assertThat(w.watermarkColumn()).isEqualTo(5);
    }

    @Test
    void latePolicyIsTheStreams() {
        assertThat(window("SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY window_start, window_end").late())
                .isEqualTo(new LatePolicy(LatePolicy.Kind.UPDATE, 60_000, null));
        assertThat(window("SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE payments, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY window_start, window_end").late())
                .isEqualTo(new LatePolicy(LatePolicy.Kind.ROUTE, 0, "payments_late"));
    }

    @Test
    void windowedInsertConformsToTheTarget() {
        PhysicalNode source = Planning.insert("INSERT INTO bid_counts SELECT window_start, window_end, auction,"
                + " COUNT(*) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
                + " GROUP BY window_start, window_end, auction").source();
        assertThat(names(source)).containsExactly("window_start", "window_end", "auction", "bids");
        assertThat(((ProjectNode) source).input()).isInstanceOf(WindowAggregateNode.class);
    }

    @Test
    void proctimeIsTheProcessingClock() {
        ProjectNode p = (ProjectNode) root("SELECT PROCTIME() AS p FROM bids");
        assertThat(p.exprs()).containsExactly(new Call(Operator.CURRENT_TIMESTAMP, List.of(), WINDOW));
    }
}
