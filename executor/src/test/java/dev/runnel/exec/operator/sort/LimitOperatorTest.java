package dev.runnel.exec.operator.sort;

import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.sink.RowCollector;
import dev.runnel.exec.testing.OperatorTester;
import dev.runnel.exec.testing.OperatorTester.Input;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.TypeKind;
import org.junit.jupiter.api.Test;

class LimitOperatorTest {
    private static final RowSchema IN = Schemas.of("n", TypeKind.BIGINT);
    private final ExprCompiler compiler = new ExprCompiler();

    @Test
    void skipsOffsetRowsThenPassesFetchRowsAcrossBatches() {
        LimitOperator op = new LimitOperator(3, 4, IN, compiler);
        RowCollector out = OperatorTester.run(op, Input.of(IN, OperatorTester.generate(2, i -> row((long) i)),
                OperatorTester.generate(3, i -> row((long) (2 + i))), OperatorTester.generate(5, i -> row((long) (5 + i)))));
        assertThat(out.rows()).containsExactly(row(3L), row(4L), row(5L), row(6L));
    }

    @Test
    void needsNoMoreInputOnceFetchIsReached() {
        LimitOperator op = new LimitOperator(0, 2, IN, compiler);
        RowCollector out = new RowCollector();
        try (var root = new org.apache.arrow.memory.RootAllocator()) {
            op.open(new dev.runnel.exec.operator.OperatorContext(root, java.util.List.of(),
                    dev.runnel.exec.testing.ExprHarness.CLOCK), out);
            assertThat(op.needsMoreInput()).isTrue();
            try (var batch = dev.runnel.exec.arrow.Vectors.fromRows(IN,
                    OperatorTester.generate(5, i -> row((long) i)), root)) {
                op.onBatch(0, batch);
            }
            assertThat(op.needsMoreInput()).isFalse();
            op.onEndOfInput(0);
            op.close();
        }
        assertThat(out.rows()).containsExactly(row(0L), row(1L));
    }

    @Test
    void unlimitedFetchPassesEverythingAfterTheOffset() {
        LimitOperator op = new LimitOperator(1, -1, IN, compiler);
        RowCollector out = OperatorTester.run(op, Input.of(IN, OperatorTester.generate(3, i -> row((long) i))));
        assertThat(out.rows()).containsExactly(row(1L), row(2L));
    }
}
