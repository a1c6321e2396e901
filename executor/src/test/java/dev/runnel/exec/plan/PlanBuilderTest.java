package dev.runnel.exec.plan;

import static dev.runnel.exec.testing.Exprs.call;
import static dev.runnel.exec.testing.Exprs.lit;
import static dev.runnel.exec.testing.Exprs.ref;
import static dev.runnel.exec.testing.Rows.row;
import static dev.runnel.exec.testing.Rows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.sink.RowCollector;
import dev.runnel.exec.testing.ExprHarness;
import dev.runnel.exec.testing.InMemoryScans;
import dev.runnel.exec.testing.OperatorTester;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.IntervalJoinNode;
import dev.runnel.planner.physical.WindowJoinNode;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.SortNode;
import dev.runnel.planner.physical.TemporalJoinNode;
import dev.runnel.planner.physical.SortNode.SortKey;
import dev.runnel.planner.physical.UnionAllNode;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.MatchNode;
import dev.runnel.planner.physical.MatchPattern;
import dev.runnel.planner.physical.OverAggregateNode;
import dev.runnel.planner.physical.TopNNode;
import dev.runnel.planner.physical.WindowTopNNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlanBuilderTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private final RootAllocator root = new RootAllocator();
    private final InMemoryScans scans = new InMemoryScans();
    private final PlanBuilder builder = new PlanBuilder(new ExprCompiler(), scans);

    @AfterEach
    void noMemoryLeft() {
        assertThat(root.getAllocatedMemory()).isZero();
        root.close();
    }

    private RowCollector run(PhysicalNode plan, RowCollector sink) {
        try (Pipeline p = builder.build(plan, sink, root, List.of(), ExprHarness.CLOCK)) {
            p.run();
        }
        assertThat(sink.finished()).isTrue();
        return sink;
    }

    private RelationDef bids() {
        return scans.add("bids", InMemoryScans.columns("auction", TypeKind.BIGINT, "price", TypeKind.BIGINT),
                rows(row(1L, 100L), row(2L, 250L), row(1L, 300L)), rows(row(3L, 50L), row(2L, null)));
    }

    @Test
    void scanFilterProjectAggregateSort() {
        ScanNode scan = scans.scan(bids());
        FilterNode filter = new FilterNode(scan, call(Operator.IS_NOT_NULL, TypeKind.BOOLEAN, ref(1, BIGINT)));
        ProjectNode project = new ProjectNode(filter, List.of(ref(0, BIGINT),
                call(Operator.TIMES, TypeKind.BIGINT, ref(1, BIGINT), lit(2L, TypeKind.BIGINT))),
                Schemas.of("auction", BIGINT, "p2", BIGINT));
        AggregateNode agg = new AggregateNode(project, List.of(0), List.of(
                new AggregateCall(AggFunction.SUM, List.of(1), false, -1, BIGINT, "total"),
                new AggregateCall(AggFunction.COUNT, List.of(), false, -1, BIGINT, "n")),
                Schemas.of("auction", BIGINT, "total", BIGINT, "n", BIGINT));
        SortNode sort = new SortNode(agg, List.of(new SortKey(1, true, false)), 0, -1);
        assertThat(run(sort, new RowCollector()).rows()).containsExactly(row(1L, 800L, 2L), row(2L, 500L, 1L),
                row(3L, 100L, 1L));
    }

    @Test
    void joinRunsTheBuildSideBeforeTheProbeSide() {
        RelationDef bids = bids();
        RelationDef auctions = scans.add("auctions", InMemoryScans.columns("id", TypeKind.BIGINT, "item",
                TypeKind.VARCHAR), rows(row(1L, "lamp"), row(2L, "desk")));
        ScanNode left = scans.scan(bids);
        ScanNode right = scans.scan(auctions);
        List<Column> cols = new ArrayList<>(left.schema().columns());
        cols.addAll(right.schema().columns());
        HashJoinNode join = new HashJoinNode(left, right, JoinKind.INNER, List.of(0), List.of(0), Optional.empty(),
                new RowSchema(cols));
        assertThat(run(join, new RowCollector()).rows()).containsExactlyInAnyOrder(row(1L, 100L, 1L, "lamp"),
                row(2L, 250L, 2L, "desk"), row(1L, 300L, 1L, "lamp"), row(2L, null, 2L, "desk"));
    }

    @Test
    void valuesAndUnionAllFeedTheSinkDirectly() {
        RowSchema s = Schemas.of("x", BIGINT);
        ValuesNode a = new ValuesNode(rows(row(1L), row(2L)), s);
        ValuesNode b = new ValuesNode(OperatorTester.generate(5000, i -> row((long) i)), s);
        RowCollector out = run(new UnionAllNode(List.of(a, b), s), new RowCollector());
        assertThat(out.rows()).hasSize(5002);
        assertThat(out.rows().subList(0, 3)).containsExactly(row(1L), row(2L), row(0L));
        assertThat(run(a, new RowCollector()).rows()).containsExactly(row(1L), row(2L));
    }

    @Test
    void limitWithoutOrderStopsTheScanEarlyAndSkipsLaterSources() {
        RelationDef big = scans.add("big", InMemoryScans.columns("n", TypeKind.BIGINT),
                OperatorTester.generate(10, i -> row((long) i)), OperatorTester.generate(10, i -> row((long) i)),
                OperatorTester.generate(10, i -> row((long) i)), OperatorTester.generate(10, i -> row((long) i)));
        RowSchema s = Schemas.of("n", BIGINT);
        UnionAllNode union = new UnionAllNode(List.of(scans.scan(big), new ValuesNode(rows(row(99L)), s)), s);
        SortNode limit = new SortNode(new FilterNode(union, call(Operator.IS_NOT_NULL, TypeKind.BOOLEAN, ref(0, BIGINT))),
                List.of(), 5, 10);
        RowCollector out = run(limit, new RowCollector());
        assertThat(out.rows()).hasSize(10);
        assertThat(scans.batchesEmitted.get()).isEqualTo(2);
    }

    @Test
    void aSinkThatWantsNoMoreStopsTheSources() {
        RelationDef big = scans.add("big2", InMemoryScans.columns("n", TypeKind.BIGINT),
                OperatorTester.generate(10, i -> row((long) i)), OperatorTester.generate(10, i -> row((long) i)));
        RowCollector out = run(scans.scan(big), new RowCollector(5));
        assertThat(out.rows()).hasSize(10);
        assertThat(scans.batchesEmitted.get()).isEqualTo(1);
    }

    @Test
    void cancelFailsTheRunWith57014AndCloseReleasesEverything() {
        RowSchema s = Schemas.of("x", BIGINT);
        ValuesNode values = new ValuesNode(OperatorTester.generate(20_000, i -> row((long) i)), s);
        Pipeline[] holder = new Pipeline[1];
        Output cancelling = new Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                holder[0].cancel();
            }

            @Override
            public void finish() {}
        };
        try (Pipeline p = builder.build(new SortNode(values, List.of(), 0, -1), cancelling, root, List.of(),
                ExprHarness.CLOCK)) {
            holder[0] = p;
            assertThatThrownBy(p::run).isInstanceOfSatisfying(RunnelSqlException.class,
                    e -> assertThat(e.sqlState()).isEqualTo("57014"));
        }
    }

    @Test
    void operatorErrorsPropagateAndCloseStillReleasesMemory() {
        RowSchema s = Schemas.of("x", BIGINT);
        ValuesNode values = new ValuesNode(rows(row(1L), row(0L)), s);
        ProjectNode div = new ProjectNode(values, List.of(call(Operator.DIVIDE, TypeKind.BIGINT, lit(1L, TypeKind.BIGINT),
                ref(0, BIGINT))), s);
        try (Pipeline p = builder.build(div, new RowCollector(), root, List.of(), ExprHarness.CLOCK)) {
            assertThatThrownBy(p::run).hasMessage("division by zero");
        }
    }

    @Test
    void everyPhysicalNodeKindHasAnOperator() {
        // Java 17 has no pattern switch over sealed types; this pins that the wiring handles them all.
        RowSchema s = Schemas.of("x", BIGINT);
        ValuesNode v = new ValuesNode(rows(row(1L)), s);
        List<PhysicalNode> samples = List.of(scans.scan(bids()), v, new FilterNode(v, lit(true, TypeKind.BOOLEAN)),
                new ProjectNode(v, List.of(ref(0, BIGINT)), s), new AggregateNode(v, List.of(0), List.of(), s),
                new SortNode(v, List.of(new SortKey(0, false, false)), 0, -1), new UnionAllNode(List.of(v, v), s),
                new HashJoinNode(v, v, JoinKind.SEMI, List.of(0), List.of(0), Optional.empty(), s));
        RowSchema times = Schemas.of("ts", TypeKind.TIMESTAMP, "_watermark", TypeKind.TIMESTAMP);
        ValuesNode t = new ValuesNode(rows(row(1_500L, null), row(400L, 1_500L), row(2_100L, 1_500L)), times);
        WindowAggregateNode window = new WindowAggregateNode(t, WindowSpec.tumble(0, 1000), 1, List.of(),
                List.of(new AggregateCall(AggFunction.COUNT, List.of(), false, -1, BIGINT, "n")), LatePolicy.DROP,
                Schemas.of("window_start", TypeKind.TIMESTAMP, "window_end", TypeKind.TIMESTAMP, "n", BIGINT));
        WindowTopNNode topN = new WindowTopNNode(t, new WindowTopNNode.Assigned(WindowSpec.tumble(0, 1000), 1,
                LatePolicy.DROP), List.of(), List.of(new SortKey(0, true, true)), 1, 1, WindowTopNNode.Kind.TOP_N,
                Schemas.of("ts", TypeKind.TIMESTAMP, "_watermark", TypeKind.TIMESTAMP, "window_start", TypeKind.TIMESTAMP,
                        "window_end", TypeKind.TIMESTAMP, "rn", BIGINT));
        IntervalJoinNode interval = new IntervalJoinNode(t, t, JoinKind.INNER, List.of(), List.of(), 0, 0, -100, 100,
                Optional.empty(), Schemas.of("ts", TypeKind.TIMESTAMP, "_watermark", TypeKind.TIMESTAMP,
                        "ts2", TypeKind.TIMESTAMP, "w2", TypeKind.TIMESTAMP));
        WindowJoinNode windowJoin = new WindowJoinNode(t, t, JoinKind.INNER, List.of(), List.of(),
                WindowSpec.tumble(0, 1000), 0, Optional.empty(), Schemas.of("ts", TypeKind.TIMESTAMP,
                        "_watermark", TypeKind.TIMESTAMP, "ws", TypeKind.TIMESTAMP, "we", TypeKind.TIMESTAMP,
                        "wt", TypeKind.TIMESTAMP, "ts2", TypeKind.TIMESTAMP, "w2", TypeKind.TIMESTAMP,
                        "ws2", TypeKind.TIMESTAMP, "we2", TypeKind.TIMESTAMP, "wt2", TypeKind.TIMESTAMP));
        TopNNode regular = new TopNNode(v, List.of(), List.of(new SortKey(0, true, true)), 1, 3, TopNNode.Kind.TOP_N,
                false, -1, Schemas.of("x", BIGINT, "rn", BIGINT));
        // MATCH_RECOGNIZE (A B) over the same rows: 400 is late, so 1500 and 2100 are the match
        MatchNode match = new MatchNode(t, List.of(), List.of(new SortKey(0, false, false)),
                new MatchPattern.Concat(List.of(new MatchPattern.Var(0), new MatchPattern.Var(1))), List.of("A", "B"),
                List.of(Optional.empty(), Optional.empty()), List.of(), List.of(ref(0, TypeKind.TIMESTAMP)), 0, false,
                MatchNode.Skip.PAST_LAST_ROW, -1, -1, 1, Schemas.of("last_ts", TypeKind.TIMESTAMP));
        List<PhysicalNode> all = new ArrayList<>(samples);
        all.add(match);
        all.add(window);
        all.add(topN);
        all.add(regular);
        all.add(interval);
        all.add(windowJoin);
        // a running COUNT(*) by time: the row at 400 is late (its _watermark, 1500, is past it)
        OverAggregateNode over = new OverAggregateNode(t, List.of(), 0, 1, new OverAggregateNode.Frame(
                OverAggregateNode.Frame.Kind.RANGE, -1), List.of(new OverAggregateNode.OverCall(
                        OverAggregateNode.Function.COUNT, -1, 0, -1, BIGINT, "n")), LatePolicy.DROP,
                Schemas.of("ts", TypeKind.TIMESTAMP, "_watermark", TypeKind.TIMESTAMP, "n", BIGINT));
        all.add(over);
        assertThat(run(over, new RowCollector()).rows()).containsExactly(row(1_500L, null, 1L),
                row(2_100L, 1_500L, 2L));
        // each row of the VALUES joins itself only: 100 ms bounds, one TUMBLE window each
        assertThat(run(interval, new RowCollector()).rows()).hasSize(3);
        assertThat(run(windowJoin, new RowCollector()).rows()).hasSize(3);
        // runs in TemporalJoinProperties and TemporalJoinTest: it reads a table's changes, which these scans lack
        all.add(new TemporalJoinNode(v, scans.scan(bids()), JoinKind.INNER, List.of(0), List.of(0), 0, 5, 0,
                Optional.empty(), s));
        assertThat(all.stream().map(Object::getClass))
                .containsExactlyInAnyOrder(PhysicalNode.class.getPermittedSubclasses());
        for (PhysicalNode n : samples) {
            assertThat(run(n, new RowCollector()).finished()).isTrue();
        }
        assertThat(run(regular, new RowCollector()).rows()).containsExactly(row(1L, 1L));
        assertThat(run(match, new RowCollector()).rows()).containsExactly(row(2_100L));
        // the row at 400 is late: its _watermark (1500) passed the end of [0, 1000)
        assertThat(run(window, new RowCollector()).rows()).containsExactly(row(1000L, 2000L, 1L), row(2000L, 3000L, 1L));
        assertThat(run(topN, new RowCollector()).rows()).containsExactly(row(1_500L, null, 1000L, 2000L, 1L),
                row(2_100L, 1_500L, 2000L, 3000L, 1L));
    }

    @Test
    void watermarksReachTheSinkAndThePipelineCountsLateRows() {
        RowSchema times = Schemas.of("ts", TypeKind.TIMESTAMP, "_watermark", TypeKind.TIMESTAMP);
        ValuesNode t = new ValuesNode(rows(row(1_500L, null), row(400L, 1_500L)), times);
        WindowAggregateNode window = new WindowAggregateNode(new FilterNode(t, lit(true, TypeKind.BOOLEAN)),
                WindowSpec.tumble(0, 1000), 1, List.of(), List.of(), LatePolicy.DROP,
                Schemas.of("window_start", TypeKind.TIMESTAMP, "window_end", TypeKind.TIMESTAMP));
        RowCollector sink = new RowCollector();
        try (Pipeline p = builder.build(window, sink, root, List.of(), ExprHarness.CLOCK)) {
            p.run();
            assertThat(p.metrics().lateRowsDropped()).isEqualTo(1);
            assertThat(p.metrics().sourceWatermark()).isEqualTo(Long.MAX_VALUE);
        }
        assertThat(sink.rows()).containsExactly(row(1000L, 2000L));
        assertThat(sink.watermarks()).containsExactly(Long.MAX_VALUE);
    }
}
