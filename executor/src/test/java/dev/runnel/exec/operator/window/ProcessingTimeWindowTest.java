package dev.runnel.exec.operator.window;

import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.OperatorMetrics;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** A TUMBLE on processing time (a PROCTIME() column) fires when the operator's clock passes a window's end. */
class ProcessingTimeWindowTest {
    private static final RowSchema IN = Schemas.of("k", TypeKind.BIGINT, "p_time", TypeKind.TIMESTAMP);

    @Test
    void windowsFireByTheClockNotByEventTimeWatermarksAndAllAtTheEndOfInput() {
        WindowAggregateNode node = new WindowAggregateNode(new ValuesNode(List.of(), IN), WindowSpec.tumble(1, 10_000),
                -1, List.of(0), List.of(new AggregateCall(AggFunction.COUNT, List.of(), false, -1,
                        DataType.of(TypeKind.BIGINT).notNull(), "n")), LatePolicy.DROP, true,
                Schemas.of("k", TypeKind.BIGINT, "window_start", TypeKind.TIMESTAMP, "window_end", TypeKind.TIMESTAMP,
                        "n", TypeKind.BIGINT));
        MutableClock clock = new MutableClock(1_000);
        Recorded out = new Recorded();
        try (BufferAllocator root = new RootAllocator()) {
            WindowAggregateOperator op = new WindowAggregateOperator(node, LateRowSinks.NONE);
            OperatorContext ctx = new OperatorContext(root.newChildAllocator("op", 0, Long.MAX_VALUE), List.of(), clock,
                    new OperatorMetrics("op"));
            op.open(ctx, out);
            batch(op, root, List.of(row(1L, 1_000L), row(2L, 1_000L), row(1L, 1_000L)));
            op.onWatermark(0, 50_000); // an event-time watermark far ahead fires nothing
            assertThat(out.rows).isEmpty();
            clock.advance(8_999); // 9,999: the window [0, 10,000) may still get rows
            op.onWatermark(0, 50_001);
            assertThat(out.rows).isEmpty();
            clock.advance(1); // 10,000
            batch(op, root, List.of(row(1L, 10_000L)));
            assertThat(out.rows).containsExactly(row(1L, 0L, 10_000L, 2L), row(2L, 0L, 10_000L, 1L));
            assertThat(out.watermarks).isEmpty();
            op.onWatermark(0, Long.MAX_VALUE); // the end of a bounded input closes the rest
            assertThat(out.rows).hasSize(3).last().isEqualTo(row(1L, 10_000L, 20_000L, 1L));
            assertThat(out.watermarks).containsExactly(Long.MAX_VALUE);
            assertThat(ctx.metrics().lateRowsDropped()).isZero();
            op.close();
            ctx.allocator().close();
        }
    }

    private static void batch(WindowAggregateOperator op, BufferAllocator root, List<List<Object>> rows) {
        try (VectorSchemaRoot b = Vectors.fromRows(IN, rows, root)) {
            op.onBatch(0, b);
        }
    }
}
