package dev.runnel.exec.operator.join;

import static dev.runnel.exec.testing.Exprs.call;
import static dev.runnel.exec.testing.Exprs.ref;
import static dev.runnel.exec.testing.Rows.row;
import static dev.runnel.exec.testing.Rows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.testing.OperatorTester;
import dev.runnel.exec.testing.OperatorTester.Input;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HashJoinOperatorTest {
    private static final RowSchema LEFT = Schemas.of("id", TypeKind.BIGINT, "l", TypeKind.VARCHAR);
    private static final RowSchema RIGHT = Schemas.of("rid", TypeKind.BIGINT, "r", TypeKind.VARCHAR, "w",
            TypeKind.BIGINT);
    private static final List<List<Object>> L = rows(row(1L, "a"), row(2L, "b"), row(null, "n"), row(4L, "d"),
            row(1L, "a2"));
    private static final List<List<Object>> R = rows(row(1L, "x", 10L), row(1L, "y", 20L), row(3L, "z", 30L),
            row(null, "rn", 40L), row(2L, "w", 50L));
    private final ExprCompiler compiler = new ExprCompiler();

    private static RowSchema both() {
        List<Column> c = new ArrayList<>(LEFT.columns());
        c.addAll(RIGHT.columns());
        return new RowSchema(c);
    }

    private List<List<Object>> join(JoinKind kind, Optional<Expr> condition) {
        RowSchema out = kind == JoinKind.SEMI || kind == JoinKind.ANTI ? LEFT : both();
        HashJoinOperator op = new HashJoinOperator(kind, List.of(0), List.of(0), condition, LEFT, RIGHT, out, compiler);
        return OperatorTester.run(op, Input.of(LEFT, L.subList(0, 2), L.subList(2, 5)),
                Input.of(RIGHT, R.subList(0, 3), R.subList(3, 5))).rows();
    }

    @Test
    void innerJoinPairsEveryMatchAndNullKeysNeverMatch() {
        assertThat(join(JoinKind.INNER, Optional.empty())).containsExactlyInAnyOrder(
                row(1L, "a", 1L, "x", 10L), row(1L, "a", 1L, "y", 20L), row(2L, "b", 2L, "w", 50L),
                row(1L, "a2", 1L, "x", 10L), row(1L, "a2", 1L, "y", 20L));
    }

    @Test
    void leftJoinPadsUnmatchedLeftRowsWithNulls() {
        assertThat(join(JoinKind.LEFT, Optional.empty())).containsExactlyInAnyOrder(
                row(1L, "a", 1L, "x", 10L), row(1L, "a", 1L, "y", 20L), row(2L, "b", 2L, "w", 50L),
                row(1L, "a2", 1L, "x", 10L), row(1L, "a2", 1L, "y", 20L), row(null, "n", null, null, null),
                row(4L, "d", null, null, null));
    }

    @Test
    void rightAndFullJoinsAddUnmatchedBuildRowsAtTheEnd() {
        List<List<Object>> inner = join(JoinKind.INNER, Optional.empty());
        List<List<Object>> right = new ArrayList<>(inner);
        right.add(row(null, null, 3L, "z", 30L));
        right.add(row(null, null, null, "rn", 40L));
        assertThat(join(JoinKind.RIGHT, Optional.empty())).containsExactlyInAnyOrderElementsOf(right);
        List<List<Object>> full = new ArrayList<>(right);
        full.add(row(null, "n", null, null, null));
        full.add(row(4L, "d", null, null, null));
        assertThat(join(JoinKind.FULL, Optional.empty())).containsExactlyInAnyOrderElementsOf(full);
    }

    @Test
    void semiAndAntiJoinsEmitLeftRowsOnlyOnce() {
        assertThat(join(JoinKind.SEMI, Optional.empty())).containsExactlyInAnyOrder(row(1L, "a"), row(2L, "b"),
                row(1L, "a2"));
        assertThat(join(JoinKind.ANTI, Optional.empty())).containsExactlyInAnyOrder(row(null, "n"), row(4L, "d"));
    }

    @Test
    void residualConditionDecidesMatchesForEveryKind() {
        // w > 15: of the key matches only (1, y, 20) and (2, w, 50) survive
        Optional<Expr> cond = Optional.of(call(Operator.GREATER_THAN, TypeKind.BOOLEAN, ref(4, TypeKind.BIGINT),
                dev.runnel.exec.testing.Exprs.lit(15L, TypeKind.BIGINT)));
        assertThat(join(JoinKind.INNER, cond)).containsExactlyInAnyOrder(row(1L, "a", 1L, "y", 20L),
                row(2L, "b", 2L, "w", 50L), row(1L, "a2", 1L, "y", 20L));
        assertThat(join(JoinKind.FULL, cond)).containsExactlyInAnyOrder(row(1L, "a", 1L, "y", 20L),
                row(2L, "b", 2L, "w", 50L), row(1L, "a2", 1L, "y", 20L), row(null, "n", null, null, null),
                row(4L, "d", null, null, null), row(null, null, 1L, "x", 10L), row(null, null, 3L, "z", 30L),
                row(null, null, null, "rn", 40L));
        Optional<Expr> never = Optional.of(call(Operator.GREATER_THAN, TypeKind.BOOLEAN, ref(4, TypeKind.BIGINT),
                dev.runnel.exec.testing.Exprs.lit(100L, TypeKind.BIGINT)));
        assertThat(join(JoinKind.SEMI, never)).isEmpty();
        assertThat(join(JoinKind.ANTI, never)).hasSize(5);
    }

    @Test
    void manyMatchesPerKeySpillOverSeveralOutputBatches() {
        RowSchema left = Schemas.of("k", TypeKind.VARCHAR);
        RowSchema right = Schemas.of("k", TypeKind.VARCHAR, "i", TypeKind.BIGINT);
        List<Column> c = new ArrayList<>(left.columns());
        c.addAll(right.columns());
        HashJoinOperator op = new HashJoinOperator(JoinKind.INNER, List.of(0), List.of(0), Optional.empty(), left, right,
                new RowSchema(c), compiler);
        var out = OperatorTester.run(op, Input.of(left, rows(row("k"), row("k"), row("q"), row("k"))),
                Input.of(right, OperatorTester.generate(3000, i -> row(i % 2 == 0 ? "k" : "j", (long) i))));
        assertThat(out.rows()).hasSize(4500);
        assertThat(out.batches()).isEqualTo(2);
    }
}
