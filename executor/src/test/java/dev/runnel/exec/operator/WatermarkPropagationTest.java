package dev.runnel.exec.operator;

import static dev.runnel.exec.testing.Exprs.call;
import static dev.runnel.exec.testing.Exprs.lit;
import static dev.runnel.exec.testing.Exprs.ref;
import static dev.runnel.exec.testing.Rows.row;
import static dev.runnel.exec.testing.Rows.rows;
import static dev.runnel.exec.testing.StreamTester.batch;
import static dev.runnel.exec.testing.StreamTester.end;
import static dev.runnel.exec.testing.StreamTester.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.aggregate.HashAggregateOperator;
import dev.runnel.exec.operator.join.HashJoinOperator;
import dev.runnel.exec.operator.project.FilterOperator;
import dev.runnel.exec.operator.project.ProjectOperator;
import dev.runnel.exec.operator.sort.LimitOperator;
import dev.runnel.exec.operator.sort.SortOperator;
import dev.runnel.exec.operator.union.UnionAllOperator;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.exec.testing.StreamTester;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.SortNode.SortKey;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How every operator passes event time on: forward, combine the minimum, or hold until its rows are out. */
class WatermarkPropagationTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final RowSchema S = Schemas.of("x", BIGINT);
    private static final ExprCompiler COMPILER = new ExprCompiler();

    @Test
    void statelessOperatorsForwardWatermarksInPlace() {
        List<StreamTester.Element> script = List.of(batch(rows(row(1L), row(2L))), watermark(10), batch(rows(row(3L))),
                watermark(20), end());
        Recorded filter = StreamTester.run(new FilterOperator(call(Operator.GREATER_THAN, TypeKind.BOOLEAN, ref(0, BIGINT),
                lit(1L, TypeKind.BIGINT)), S, COMPILER), script, S);
        assertThat(filter.events).containsExactly(row(2L), "wm 10", row(3L), "wm 20");
        Recorded project = StreamTester.run(new ProjectOperator(Optional.empty(), List.of(ref(0, BIGINT)), S, S, COMPILER),
                script, S);
        assertThat(project.events).containsExactly(row(1L), row(2L), "wm 10", row(3L), "wm 20");
        Recorded limit = StreamTester.run(new LimitOperator(0, 2, S, COMPILER), script, S);
        assertThat(limit.events).containsExactly(row(1L), row(2L), "wm 10", "wm 20");
    }

    @Test
    void unionForwardsTheMinimumOfItsOpenInputs() {
        Recorded out = StreamTester.run(new UnionAllOperator(2, S, COMPILER), List.of(
                watermark(0, 10), batch(0, rows(row(1L))), watermark(1, 5), watermark(0, 30), watermark(1, 20),
                watermark(1, 40), end(1), watermark(0, 50), watermark(0, Long.MAX_VALUE), end(0)), S, S);
        assertThat(out.events).containsExactly(row(1L), "wm 5", "wm 20", "wm 30", "wm 50", "wm " + Long.MAX_VALUE);
        assertThat(out.finished).isTrue();
    }

    @Test
    void anInputThatEndsWithoutSayingSoDoesNotCloseEventTime() {
        // input 0 stops without closing event time: only input 1 can still send rows, so its 30 counts;
        // then input 1 stops too (a cancelled push query): nothing beyond what they said, no MAX_VALUE
        Recorded out = StreamTester.run(new UnionAllOperator(2, S, COMPILER), List.of(watermark(0, 10),
                watermark(1, 30), end(0), end(1)), S, S);
        assertThat(out.watermarks).containsExactly(10L, 30L);
    }

    @Test
    void aggregateAndSortHoldTheWatermarkUntilTheirRowsAreOut() {
        List<StreamTester.Element> script = List.of(batch(rows(row(2L), row(1L))), watermark(10), batch(rows(row(3L))),
                watermark(Long.MAX_VALUE), end());
        Recorded agg = StreamTester.run(new HashAggregateOperator(List.of(), List.of(new AggregateCall(AggFunction.SUM,
                List.of(0), false, -1, BIGINT, "s")), S, S), script, S);
        assertThat(agg.events).containsExactly(row(6L), "wm " + Long.MAX_VALUE);
        Recorded sort = StreamTester.run(new SortOperator(List.of(new SortKey(0, false, false)), 0, -1, S), script, S);
        assertThat(sort.events).containsExactly(row(1L), row(2L), row(3L), "wm " + Long.MAX_VALUE);
    }

    @Test
    void innerJoinForwardsTheMinimumAndRightJoinHoldsItForItsUnmatchedBuildRows() {
        RowSchema out = Schemas.of("x", BIGINT, "y", BIGINT);
        List<StreamTester.Element> script = List.of(batch(1, rows(row(1L), row(2L))), watermark(1, 100), end(1),
                batch(0, rows(row(1L))), watermark(0, 50), watermark(0, Long.MAX_VALUE), end(0));
        Recorded inner = StreamTester.run(new HashJoinOperator(JoinKind.INNER, List.of(0), List.of(0), Optional.empty(),
                S, S, out, COMPILER), script, S, S);
        assertThat(inner.events).containsExactly(row(1L, 1L), "wm 50", "wm " + Long.MAX_VALUE);
        Recorded right = StreamTester.run(new HashJoinOperator(JoinKind.RIGHT, List.of(0), List.of(0), Optional.empty(),
                S, S, out, COMPILER), script, S, S);
        assertThat(right.events).containsExactly(row(1L, 1L), row(null, 2L), "wm " + Long.MAX_VALUE);
    }
}
