package dev.runnel.exec.operator.project;

import static dev.runnel.exec.testing.Exprs.call;
import static dev.runnel.exec.testing.Exprs.lit;
import static dev.runnel.exec.testing.Exprs.ref;
import static dev.runnel.exec.testing.Rows.row;
import static dev.runnel.exec.testing.Rows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.sink.RowCollector;
import dev.runnel.exec.testing.OperatorTester;
import dev.runnel.exec.testing.OperatorTester.Input;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.TypeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterOperatorTest {
    private static final RowSchema SCHEMA = Schemas.of("id", TypeKind.BIGINT, "name", TypeKind.VARCHAR);
    private final ExprCompiler compiler = new ExprCompiler();

    private FilterOperator idAbove(long x) {
        return new FilterOperator(call(Operator.GREATER_THAN, TypeKind.BOOLEAN, ref(0, TypeKind.BIGINT),
                lit(x, TypeKind.BIGINT)), SCHEMA, compiler);
    }

    @Test
    void keepsOnlyRowsWhoseConditionIsTrueNotFalseOrNull() {
        RowCollector out = OperatorTester.run(idAbove(1), Input.of(SCHEMA,
                rows(row(1L, "a"), row(2L, "b"), row(null, "c"), row(3L, null))));
        assertThat(out.rows()).containsExactly(row(2L, "b"), row(3L, null));
        assertThat(out.finished()).isTrue();
    }

    @Test
    void batchesWithNoSurvivorsEmitNothingAndEmptyInputStillFinishes() {
        RowCollector out = OperatorTester.run(idAbove(100), Input.of(SCHEMA, rows(row(1L, "a")), rows()));
        assertThat(out.rows()).isEmpty();
        assertThat(out.batches()).isZero();
        assertThat(out.finished()).isTrue();
    }

    @Test
    void keepsRowsAcrossManyBatchesInOrder() {
        List<List<Object>> b1 = OperatorTester.generate(5000, i -> row((long) i, "r" + i));
        List<List<Object>> b2 = OperatorTester.generate(10, i -> row((long) (5000 + i), null));
        RowCollector out = OperatorTester.run(idAbove(4990), Input.of(SCHEMA, b1, b2));
        assertThat(out.rows()).hasSize(19);
        assertThat(out.rows().get(0)).isEqualTo(row(4991L, "r4991"));
        assertThat(out.rows().get(18)).isEqualTo(row(5009L, null));
    }

    @Test
    void oversizedBatchThatFullyPassesIsSplitIntoBoundedBatches() {
        List<List<Object>> big = OperatorTester.generate(9000, i -> row((long) i, "x"));
        RowCollector out = OperatorTester.run(idAbove(-1), Input.of(SCHEMA, big));
        assertThat(out.rows()).hasSize(9000);
        assertThat(out.batches()).isEqualTo(3);
    }
}
