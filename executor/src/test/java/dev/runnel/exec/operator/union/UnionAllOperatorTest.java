package dev.runnel.exec.operator.union;

import static dev.runnel.exec.testing.Rows.row;
import static dev.runnel.exec.testing.Rows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.sink.RowCollector;
import dev.runnel.exec.testing.OperatorTester;
import dev.runnel.exec.testing.OperatorTester.Input;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.TypeKind;
import org.junit.jupiter.api.Test;

class UnionAllOperatorTest {
    private static final RowSchema IN = Schemas.of("n", TypeKind.BIGINT, "s", TypeKind.VARCHAR);

    @Test
    void passesEveryRowOfEveryInputKeepingDuplicatesAndFinishesOnceAllEnded() {
        UnionAllOperator op = new UnionAllOperator(3, IN, new ExprCompiler());
        RowCollector out = OperatorTester.run(op, Input.of(IN, rows(row(1L, "a"), row(1L, "a"))), Input.of(IN),
                Input.of(IN, rows(row(null, "c")), rows()));
        assertThat(out.rows()).containsExactlyInAnyOrder(row(1L, "a"), row(1L, "a"), row(null, "c"));
        assertThat(out.finished()).isTrue();
    }
}
