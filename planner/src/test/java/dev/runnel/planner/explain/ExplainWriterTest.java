package dev.runnel.planner.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.DynamicParam;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.SortNode;
import dev.runnel.planner.physical.UnionAllNode;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.planner.testing.TestCatalog;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExplainWriterTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType BOOLEAN = DataType.of(TypeKind.BOOLEAN);
    private static final RowSchema AB = new RowSchema(List.of(new Column("a", BIGINT), new Column("b", BIGINT)));

    private static Expr a() {
        return new InputRef(0, BIGINT);
    }

    private static Expr b() {
        return new InputRef(1, BIGINT);
    }

    private static Expr call(Operator op, Expr... operands) {
        return new Call(op, List.of(operands), BIGINT);
    }

    private static String write(Expr e) {
        return new ExprWriter(AB).write(e);
    }

    @Test
    void everyPhysicalNodeKindHasALine() {
        ScanNode scan = new ScanNode(TestCatalog.standard().get("bids"), List.of(0, 2),
                new RowSchema(List.of(new Column("auction", BIGINT), new Column("price", BIGINT))));
        List<PhysicalNode> samples = List.of(scan,
                new FilterNode(scan, call(Operator.GREATER_THAN, b(), new Literal(5L, BIGINT))),
                new ProjectNode(scan, List.of(a()), new RowSchema(List.of(new Column("auction", BIGINT)))),
                new AggregateNode(scan, List.of(0), List.of(new AggregateCall(AggregateCall.AggFunction.SUM,
                        List.of(1), false, -1, BIGINT, "s")), AB),
                new SortNode(scan, List.of(new SortNode.SortKey(1, true, false)), 0, 5),
                new UnionAllNode(List.of(scan, scan), scan.schema()),
                new ValuesNode(List.of(List.of(1L, 2L)), AB),
                new HashJoinNode(scan, scan, HashJoinNode.JoinKind.SEMI, List.of(0), List.of(0), Optional.empty(), scan.schema()),
                new dev.runnel.planner.physical.IntervalJoinNode(scan, scan, HashJoinNode.JoinKind.LEFT, List.of(0),
                        List.of(0), 1, 1, -1_000, 2_000, Optional.empty(), AB),
                new dev.runnel.planner.physical.WindowJoinNode(scan, scan, HashJoinNode.JoinKind.FULL, List.of(0),
                        List.of(0), dev.runnel.planner.physical.WindowSpec.tumble(1, 10_000), 1, Optional.empty(), AB),
                new dev.runnel.planner.physical.WindowAggregateNode(scan,
                        dev.runnel.planner.physical.WindowSpec.tumble(1, 10_000), 1, List.of(0), List.of(),
                        dev.runnel.planner.physical.LatePolicy.DROP, scan.schema()),
                new dev.runnel.planner.physical.WindowTopNNode(scan, new dev.runnel.planner.physical.WindowTopNNode
                        .Attached(1, 1), List.of(0), List.of(new SortNode.SortKey(1, true, false)), 2, 3,
                        dev.runnel.planner.physical.WindowTopNNode.Kind.TOP_N, new RowSchema(List.of(
                                new Column("auction", BIGINT), new Column("price", BIGINT), new Column("rn", BIGINT)))),
                new dev.runnel.planner.physical.TopNNode(scan, List.of(0), List.of(new SortNode.SortKey(1, true, false)),
                        1, 10, dev.runnel.planner.physical.TopNNode.Kind.TOP_N, false, -1, new RowSchema(List.of(
                                new Column("auction", BIGINT), new Column("price", BIGINT), new Column("rn", BIGINT)))),
                new dev.runnel.planner.physical.TopNNode(scan, List.of(0), List.of(new SortNode.SortKey(1, true, false)),
                        1, 1, dev.runnel.planner.physical.TopNNode.Kind.DEDUPLICATE, false, -1, new RowSchema(List.of(
                                new Column("auction", BIGINT), new Column("price", BIGINT), new Column("rn", BIGINT)))),
                new dev.runnel.planner.physical.TemporalJoinNode(scan, scan, HashJoinNode.JoinKind.LEFT, List.of(0),
                        List.of(0), 1, 1, 1, Optional.of(call(Operator.GREATER_THAN, b(), a())), new RowSchema(List.of(
                                new Column("auction", BIGINT), new Column("price", BIGINT), new Column("a2", BIGINT)))),
                new dev.runnel.planner.physical.MatchNode(scan, List.of(0), List.of(new SortNode.SortKey(1, false, true)),
                        new dev.runnel.planner.physical.MatchPattern.Concat(List.of(
                                new dev.runnel.planner.physical.MatchPattern.Var(0),
                                new dev.runnel.planner.physical.MatchPattern.Repeat(
                                        new dev.runnel.planner.physical.MatchPattern.Var(1), 1, -1, true),
                                new dev.runnel.planner.physical.MatchPattern.Var(2))),
                        List.of("A", "B", "C"), List.of(Optional.empty(), Optional.of(new Call(Operator.LESS_THAN,
                                List.of(b(), new InputRef(2, BIGINT)), BOOLEAN)), Optional.empty()),
                        List.of(new dev.runnel.planner.physical.MatchRef.Nav(1, false, 1, 0, 1, BIGINT)),
                        List.of(a(), new InputRef(2, BIGINT)), 1, false, dev.runnel.planner.physical.MatchNode.Skip.PAST_LAST_ROW,
                        -1, 60_000, 1, new RowSchema(List.of(new Column("auction", BIGINT), new Column("lb", BIGINT)))),
                new dev.runnel.planner.physical.OverAggregateNode(scan, List.of(0), 1, 1,
                        new dev.runnel.planner.physical.OverAggregateNode.Frame(
                                dev.runnel.planner.physical.OverAggregateNode.Frame.Kind.RANGE, 10_000),
                        List.of(new dev.runnel.planner.physical.OverAggregateNode.OverCall(
                                dev.runnel.planner.physical.OverAggregateNode.Function.MAX, 1, 0, -1, BIGINT, "m")),
                        dev.runnel.planner.physical.LatePolicy.DROP, new RowSchema(List.of(
                                new Column("auction", BIGINT), new Column("price", BIGINT), new Column("m", BIGINT)))));

        Set<Class<?>> covered = samples.stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(PhysicalNode.class.getPermittedSubclasses());
        assertThat(samples.stream().map(ExplainWriter::describe).toList()).containsExactly(
                "Scan[bids: auction, price] (topic bids, 4 partitions, columnar)",
                "Filter[price > 5]",
                "Project[auction]",
                "Aggregate[group: auction; SUM(price) AS s]",
                "Sort[price DESC, fetch 5]",
                "UnionAll",
                "Values[a, b: (1, 2)]",
                "HashJoin[SEMI, keys: auction = auction]",
                "IntervalJoin[LEFT, keys: auction = auction, time: right price BETWEEN left price - INTERVAL '1' SECOND"
                        + " AND left price + INTERVAL '2' SECOND]",
                "WindowJoin[FULL, keys: auction = auction, TUMBLE(price, INTERVAL '10' SECOND) and price]",
                "WindowAggregate[TUMBLE(price, INTERVAL '10' SECOND); group: auction; late: drop]",
                "WindowTopN[window: price, price; partition: auction; order: price DESC; rn 2..3]",
                "TopN[partition: auction; order: price DESC; rn <= 10]",
                "Deduplicate[partition: auction; keep last by price]",
                "TemporalJoin[LEFT, keys: auction = auction, as of: price, versions by: price, residual: price > auction#0]",
                "MatchRecognize[partition: auction; order: price; pattern: (A B+ C); define: B AS price < LAST(B.price, 1);"
                        + " measures: LAST(B.price, 1) AS lb; skip past last row; within INTERVAL '1' MINUTE;"
                        + " late rows by price]",
                "OverAggregate[partition: auction; order: price; RANGE BETWEEN INTERVAL '10' SECOND PRECEDING AND CURRENT"
                        + " ROW; MAX(price) AS m; late rows by price; late: drop]");
    }

    @Test
    void everyExprKindAndOperatorRenders() {
        assertThat(Set.<Class<?>>of(InputRef.class, Literal.class, Call.class, DynamicParam.class))
                .containsExactlyInAnyOrder(Expr.class.getPermittedSubclasses());
        for (Operator op : Operator.values()) {
            Expr e = new Call(op, List.of(new Literal("HOUR", DataType.varchar()), a(), b()), BIGINT);
            assertThat(write(e)).as(op.name()).isNotBlank();
        }
        assertThat(write(new DynamicParam(0, BIGINT))).isEqualTo("?1");
    }

    @Test
    void parenthesesOnlyWherePrecedenceNeedsThem() {
        assertThat(write(call(Operator.TIMES, call(Operator.PLUS, a(), b()), a()))).isEqualTo("(a + b) * a");
        assertThat(write(call(Operator.PLUS, call(Operator.TIMES, a(), b()), a()))).isEqualTo("a * b + a");
        assertThat(write(call(Operator.MINUS, a(), call(Operator.MINUS, b(), a())))).isEqualTo("a - (b - a)");
        Expr gt = new Call(Operator.GREATER_THAN, List.of(a(), b()), BOOLEAN);
        Expr and = new Call(Operator.AND, List.of(gt, gt), BOOLEAN);
        assertThat(write(new Call(Operator.OR, List.of(and, gt), BOOLEAN))).isEqualTo("a > b AND a > b OR a > b");
        assertThat(write(new Call(Operator.NOT, List.of(and), BOOLEAN))).isEqualTo("NOT (a > b AND a > b)");
        assertThat(write(new Call(Operator.IS_NULL, List.of(call(Operator.PLUS, a(), b())), BOOLEAN)))
                .isEqualTo("a + b IS NULL");
        assertThat(write(new Call(Operator.IS_TRUE, List.of(gt), BOOLEAN))).isEqualTo("(a > b) IS TRUE");
    }

    @Test
    void literalsAreWrittenAsSql() {
        long t = Instant.parse("2026-01-01T00:00:01.250Z").toEpochMilli();
        assertThat(ExprWriter.literal(t, DataType.of(TypeKind.TIMESTAMP))).isEqualTo("TIMESTAMP '2026-01-01 00:00:01.250'");
        assertThat(ExprWriter.literal((int) LocalDate.parse("2026-02-03").toEpochDay(), DataType.of(TypeKind.DATE)))
                .isEqualTo("DATE '2026-02-03'");
        assertThat(ExprWriter.literal(4000L, DataType.of(TypeKind.INTERVAL_DAY_TIME))).isEqualTo("INTERVAL '4' SECOND");
        assertThat(ExprWriter.literal(7_200_000L, DataType.of(TypeKind.INTERVAL_DAY_TIME))).isEqualTo("INTERVAL '2' HOUR");
        assertThat(ExprWriter.literal(1500L, DataType.of(TypeKind.INTERVAL_DAY_TIME))).isEqualTo("INTERVAL '1.500' SECOND");
        assertThat(ExprWriter.literal(24, DataType.of(TypeKind.INTERVAL_YEAR_MONTH))).isEqualTo("INTERVAL '2' YEAR");
        assertThat(ExprWriter.literal(new BigDecimal("1E+2"), DataType.decimal(5, 0))).isEqualTo("100");
        assertThat(ExprWriter.literal("it's", DataType.varchar())).isEqualTo("'it''s'");
        assertThat(ExprWriter.literal(null, BIGINT)).isEqualTo("NULL");
        assertThat(ExprWriter.literal(false, BOOLEAN)).isEqualTo("FALSE");
    }

    @Test
    void repeatedNamesAreToldApartByPosition() {
        RowSchema twoIds = new RowSchema(List.of(new Column("id", BIGINT), new Column("id", BIGINT),
                new Column("odd name", BIGINT)));
        ExprWriter w = new ExprWriter(twoIds);
        assertThat(Arrays.asList(w.column(0), w.column(1), w.column(2))).containsExactly("id#0", "id#1", "\"odd name\"");
    }
}
