package dev.runnel.planner.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.sql.RunnelSqlException;
import java.util.Set;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexNode;
import org.junit.jupiter.api.Test;

class JoinTranslatorTest {
    private final RelFixture f = new RelFixture();

    @Test
    void equalitiesBetweenSidesAreKeysTheRestIsResidual() {
        f.b.scan("bids").project(f.b.field("auction"), f.b.field("price"));
        f.b.scan("auctions").project(f.b.field("reserve"), f.b.field("id"));
        RexNode cond = f.b.and(f.b.equals(f.b.field(2, 1, "id"), f.b.field(2, 0, "auction")),
                f.b.greaterThan(f.b.field(2, 0, "price"), f.b.field(2, 1, "reserve")));
        HashJoinNode j = (HashJoinNode) f.translate(f.b.join(JoinRelType.LEFT, cond).build());

        assertThat(j.kind()).isEqualTo(JoinKind.LEFT);
        assertThat(j.leftKeys()).containsExactly(0);
        assertThat(j.rightKeys()).containsExactly(1);
        assertThat(j.condition()).isPresent();
        assertThat(j.schema().size()).isEqualTo(4);
    }

    @Test
    void keysOfDifferentTypesStayInTheResidual() {
        f.b.scan("auctions").project(f.b.field("category"));
        f.b.scan("bids").project(f.b.field("price"));
        HashJoinNode j = (HashJoinNode) f.translate(f.b.join(JoinRelType.INNER,
                f.b.equals(f.b.cast(f.b.field(2, 0, 0), org.apache.calcite.sql.type.SqlTypeName.BIGINT),
                        f.b.field(2, 1, 0))).build());

        assertThat(j.leftKeys()).isEmpty();
        assertThat(j.condition()).isPresent();
    }

    @Test
    void semiAndAntiJoinsOutputTheLeftColumns() {
        f.b.scan("auctions").project(f.b.field("id"), f.b.field("seller"));
        f.b.scan("bids").project(f.b.field("auction"));
        HashJoinNode semi = (HashJoinNode) f.translate(f.b.semiJoin(f.b.equals(f.b.field(2, 0, 0), f.b.field(2, 1, 0))).build());
        assertThat(semi.kind()).isEqualTo(JoinKind.SEMI);
        assertThat(semi.schema().size()).isEqualTo(2);

        f.b.scan("auctions").project(f.b.field("id"));
        f.b.scan("bids").project(f.b.field("auction"));
        HashJoinNode anti = (HashJoinNode) f.translate(f.b.antiJoin(f.b.equals(f.b.field(2, 0, 0), f.b.field(2, 1, 0))).build());
        assertThat(anti.kind()).isEqualTo(JoinKind.ANTI);
        assertThat(anti.leftKeys()).containsExactly(0);
    }

    @Test
    void aCorrelateLeftAfterDecorrelationIsNotSupported() {
        CorrelationId id = f.b.getCluster().createCorrel();
        f.b.scan("auctions");
        RexNode outer = f.rex.makeCorrel(f.b.peek().getRowType(), id);
        f.b.scan("bids").filter(f.b.equals(f.b.field("auction"), f.rex.makeFieldAccess(outer, 0)));
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class, () -> f.translate(
                f.b.correlate(JoinRelType.LEFT, id, f.b.field(2, 0, "id")).build()));

        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(e.detail()).isEqualTo("this subquery form is not supported yet");
        assertThat(Set.of(e.sqlState())).contains("0A000");
    }
}
