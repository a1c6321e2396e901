package dev.runnel.planner.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.ImmutableBitSet;
import org.junit.jupiter.api.Test;

class AggregateTranslatorTest {
    private final RelFixture f = new RelFixture();
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);

    @Test
    void countStarOverAScanIsACountWithoutArgumentsReadingOneColumn() {
        AggregateNode agg = (AggregateNode) f.translate(f.b.scan("bids")
                .aggregate(f.b.groupKey(), f.b.countStar("n")).build());

        assertThat(((ScanNode) agg.input()).columns()).containsExactly(0);
        assertThat(agg.groupKeys()).isEmpty();
        assertThat(agg.calls()).containsExactly(new AggregateCall(AggFunction.COUNT, List.of(), false, -1,
                BIGINT.notNull(), "n"));
    }

    @Test
    void groupKeysAndArgumentsAreRenumberedOverTheColumnsTheScanReads() {
        AggregateNode agg = (AggregateNode) f.translate(f.b.scan("bids").aggregate(f.b.groupKey("channel"),
                f.b.count(true, "bidders", f.b.field("bidder")), f.b.max("top", f.b.field("price")),
                f.b.avg(false, "avg", f.b.field("price"))).build());

        assertThat(((ScanNode) agg.input()).columns()).containsExactly(1, 2, 3);
        assertThat(agg.groupKeys()).containsExactly(2);
        assertThat(agg.calls()).containsExactly(
                new AggregateCall(AggFunction.COUNT, List.of(0), true, -1, BIGINT.notNull(), "bidders"),
                new AggregateCall(AggFunction.MAX, List.of(1), false, -1, BIGINT, "top"),
                new AggregateCall(AggFunction.AVG, List.of(1), false, -1, BIGINT, "avg"));
        assertThat(agg.schema().columns().get(0).name()).isEqualTo("channel");
    }

    @Test
    void approxCountDistinctIsItsOwnFunctionNotAnExactDistinctCount() {
        AggregateNode agg = (AggregateNode) dev.runnel.planner.testing.Planning.root(
                "SELECT channel, APPROX_COUNT_DISTINCT(bidder) AS bidders FROM bids GROUP BY channel");

        assertThat(agg.calls()).containsExactly(new AggregateCall(AggFunction.APPROX_COUNT_DISTINCT, List.of(1), false,
                -1, BIGINT.notNull(), "bidders"));
        assertThat(dev.runnel.planner.testing.Planning.queryError(
                "SELECT APPROX_COUNT_DISTINCT(bidder, price) FROM bids").detail())
                .isEqualTo("APPROX_COUNT_DISTINCT of 2 columns (it takes one) is not supported yet");
    }

    @Test
    void filterArgumentIsAnInputColumn() {
        AggregateNode agg = (AggregateNode) f.translate(f.b.scan("bids")
                .project(f.b.field("price"), f.b.alias(f.b.greaterThan(f.b.field("price"), f.b.literal(5)), "big"))
                .aggregate(f.b.groupKey(), f.b.sum(f.b.field("price")).filter(f.b.field("big")).as("s")).build());

        assertThat(agg.calls().get(0).filterArg()).isEqualTo(1);
        assertThat(agg.calls().get(0).function()).isEqualTo(AggFunction.SUM);
    }

    @Test
    void sum0BecomesSumThenCoalesceWithZero() {
        ProjectNode p = (ProjectNode) f.translate(f.b.scan("bids").aggregate(f.b.groupKey("auction"),
                f.b.aggregateCall(SqlStdOperatorTable.SUM0, f.b.field("price")).as("s")).build());

        AggregateNode agg = (AggregateNode) p.input();
        assertThat(agg.calls().get(0).function()).isEqualTo(AggFunction.SUM);
        assertThat(p.exprs().get(1)).isEqualTo(new Call(Operator.COALESCE,
                List.of(new InputRef(1, BIGINT), new Literal(0L, BIGINT.notNull())), BIGINT.notNull()));
        assertThat(p.schema().get(1).name()).isEqualTo("s");
    }

    @Test
    void literalAggBecomesAConstantColumn() {
        ProjectNode p = (ProjectNode) f.translate(f.b.scan("bids").aggregate(f.b.groupKey("auction"),
                f.b.literalAgg(true).as("i")).build());

        assertThat(((AggregateNode) p.input()).calls()).isEmpty();
        assertThat(p.exprs().get(1)).isEqualTo(new Literal(true, DataType.of(TypeKind.BOOLEAN).notNull()));
    }

    @Test
    void groupingSetsAndOtherAggregatesAreNotSupportedYet() {
        RunnelSqlException sets = catchThrowableOfType(RunnelSqlException.class, () -> f.translate(f.b.scan("bids")
                .aggregate(f.b.groupKey(ImmutableBitSet.of(0, 1), List.of(ImmutableBitSet.of(0), ImmutableBitSet.of(1))),
                        f.b.countStar("n")).build()));
        assertThat(sets.sqlState()).isEqualTo("0A000");

        RunnelSqlException stddev = catchThrowableOfType(RunnelSqlException.class, () -> f.translate(f.b.scan("bids")
                .aggregate(f.b.groupKey(), f.b.aggregateCall(SqlStdOperatorTable.STDDEV_POP, f.b.field("price")))
                .build()));
        assertThat(stddev.detail()).isEqualTo("the aggregate function STDDEV_POP is not supported yet");
    }
}
