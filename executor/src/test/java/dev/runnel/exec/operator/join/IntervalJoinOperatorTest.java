package dev.runnel.exec.operator.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.OperatorMetrics;
import dev.runnel.exec.operator.sink.RowCollector;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.IntervalJoinNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.planner.physical.WindowJoinNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.sql.type.TypeKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The interval and window join operators by hand: which pairs match, when an outer side's rows come
 * padded (the watermark passing their interval or window), what is late, NULL keys and times, the
 * output watermark, and a snapshot/restore in the middle continuing exactly as the original.
 */
class IntervalJoinOperatorTest {
    static final RowSchema L = Schemas.of("k", TypeKind.BIGINT, "ts", TypeKind.TIMESTAMP, "v", TypeKind.VARCHAR);
    static final RowSchema R = Schemas.of("k", TypeKind.BIGINT, "ts", TypeKind.TIMESTAMP, "w", TypeKind.VARCHAR);
    final RootAllocator allocator = new RootAllocator();
    final List<OperatorContext> contexts = new ArrayList<>();

    @AfterEach
    void close() {
        contexts.forEach(c -> c.allocator().close());
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    OperatorContext context() {
        OperatorContext c = new OperatorContext(allocator.newChildAllocator("op", 0, Long.MAX_VALUE), List.of(),
                Clock.systemUTC(), new OperatorMetrics("op"));
        contexts.add(c);
        return c;
    }

    void batch(Operator op, int input, List<Object>... rows) {
        try (VectorSchemaRoot b = Vectors.fromRows(input == 0 ? L : R, List.of(rows), allocator)) {
            op.onBatch(input, b);
        }
    }

    static RowSchema concat(RowSchema... schemas) {
        List<Column> all = new ArrayList<>();
        for (RowSchema s : schemas) {
            all.addAll(s.columns());
        }
        return new RowSchema(all);
    }

    IntervalJoinOperator interval(JoinKind kind) {
        // right ts within [left ts - 1 s, left ts + 2 s]
        return new IntervalJoinOperator(new IntervalJoinNode(new ValuesNode(List.of(), L), new ValuesNode(List.of(), R),
                kind, List.of(0), List.of(0), 1, 1, -1_000, 2_000, Optional.empty(), concat(L, R)), new ExprCompiler());
    }

    static byte[] snapshot(Operator op) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            op.snapshot(out);
        }
        return bytes.toByteArray();
    }

    @Test
    @SuppressWarnings("unchecked")
    void pairsPaddingLatenessAndARestoreInTheMiddle() throws IOException {
        IntervalJoinOperator op = interval(JoinKind.FULL);
        RowCollector out = new RowCollector();
        OperatorContext ctx = context();
        op.open(ctx, out);
        batch(op, 0, row(1L, 10_000L, "a"), row(null, 10_000L, "n"), row(2L, null, "t"));
        assertThat(out.rows()).as("a NULL key or time never matches: padded at once").containsExactlyInAnyOrder(
                row(null, 10_000L, "n", null, null, null), row(2L, null, "t", null, null, null));
        batch(op, 1, row(1L, 9_500L, "x"), row(1L, 12_001L, "y"), row(3L, 10_000L, "z"));
        assertThat(out.rows()).hasSize(3).contains(row(1L, 10_000L, "a", 1L, 9_500L, "x"));
        op.onWatermark(0, 20_000);
        op.onWatermark(1, 11_000);
        assertThat(out.watermarks()).as("the minimum less the larger retention").containsExactly(9_000L);
        op.onWatermark(1, 13_500); // a (10 s + 2 s) and z, y (+ 1 s) have passed: z and y never matched
        assertThat(out.rows()).hasSize(5).contains(row(null, null, null, 3L, 10_000L, "z"),
                row(null, null, null, 1L, 12_001L, "y"));
        assertThat(out.watermarks()).containsExactly(9_000L, 11_500L);
        batch(op, 0, row(1L, 11_000L, "late"), row(1L, 12_000L, "b"));
        batch(op, 1, row(1L, 12_000L, "late too"));
        assertThat(ctx.metrics().lateRowsDropped()).isEqualTo(2);
        assertThat(op.stateRows()).isEqualTo(1); // b
        byte[] state = snapshot(op);

        IntervalJoinOperator restored = interval(JoinKind.FULL);
        RowCollector out2 = new RowCollector();
        OperatorContext ctx2 = context();
        restored.open(ctx2, out2);
        restored.restore(new DataInputStream(new ByteArrayInputStream(state)));
        assertThat(ctx2.metrics().lateRowsDropped()).isEqualTo(2);
        for (IntervalJoinOperator o : List.of(op, restored)) {
            batch(o, 1, row(1L, 13_600L, "q"), row(1L, 14_001L, "r"));
            o.onWatermark(0, Long.MAX_VALUE);
            o.onWatermark(1, Long.MAX_VALUE);
            o.onEndOfInput(0);
            o.onEndOfInput(1);
            assertThat(o.stateRows()).isZero();
        }
        List<List<Object>> after = out.rows().subList(5, out.rows().size());
        assertThat(after).containsExactly(row(1L, 12_000L, "b", 1L, 13_600L, "q"), row(null, null, null, 1L, 14_001L, "r"));
        assertThat(out2.rows()).isEqualTo(after);
        assertThat(out2.watermarks()).isEqualTo(out.watermarks().subList(2, out.watermarks().size()));
        assertThat(out.finished()).isTrue();
        op.close();
        restored.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void innerJoinsDropWhatCannotMatchAndKeepNothingPastTheWatermark() {
        IntervalJoinOperator op = interval(JoinKind.INNER);
        RowCollector out = new RowCollector();
        op.open(context(), out);
        batch(op, 0, row(null, 10_000L, "n"), row(1L, 10_000L, "a"));
        batch(op, 1, row(1L, 8_999L, "early"), row(1L, 9_000L, "x"), row(1L, 12_000L, "y"), row(1L, 12_001L, "z"));
        assertThat(out.rows()).containsExactly(row(1L, 10_000L, "a", 1L, 9_000L, "x"), row(1L, 10_000L, "a", 1L, 12_000L, "y"));
        op.onWatermark(0, 30_000);
        op.onWatermark(1, 30_000);
        assertThat(op.stateRows()).isZero();
        assertThat(out.rows()).hasSize(2);
        op.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWindowJoinEmitsEachWindowWhenItClosesAndDropsRowsOfClosedWindows() throws IOException {
        RowSchema windowed = concat(L, Schemas.of("ws", TypeKind.TIMESTAMP, "we", TypeKind.TIMESTAMP, "wt",
                TypeKind.TIMESTAMP), R, Schemas.of("ws2", TypeKind.TIMESTAMP, "we2", TypeKind.TIMESTAMP, "wt2",
                TypeKind.TIMESTAMP));
        WindowJoinNode node = new WindowJoinNode(new ValuesNode(List.of(), L), new ValuesNode(List.of(), R),
                JoinKind.LEFT, List.of(0), List.of(0), WindowSpec.tumble(1, 10_000), 1, Optional.empty(), windowed);
        WindowJoinOperator op = new WindowJoinOperator(node, new ExprCompiler());
        RowCollector out = new RowCollector();
        OperatorContext ctx = context();
        op.open(ctx, out);
        batch(op, 0, row(1L, 1_000L, "a"), row(2L, 2_000L, "b"), row(1L, 12_000L, "c"));
        batch(op, 1, row(1L, 9_999L, "x"), row(1L, 10_000L, "y"));
        assertThat(out.rows()).isEmpty();
        assertThat(op.openWindows()).isEqualTo(2);
        byte[] state = snapshot(op);
        op.onWatermark(0, 9_998);
        op.onWatermark(1, 9_999);
        assertThat(out.rows()).as("the minimum of both watermarks counts").isEmpty();
        op.onWatermark(0, 9_999);
        assertThat(out.rows()).as("[0, 10 s) closes at 9.999 s").containsExactlyInAnyOrder(
                row(1L, 1_000L, "a", 0L, 10_000L, 9_999L, 1L, 9_999L, "x", 0L, 10_000L, 9_999L),
                row(2L, 2_000L, "b", 0L, 10_000L, 9_999L, null, null, null, null, null, null));
        batch(op, 1, row(2L, 5_000L, "late"));
        assertThat(ctx.metrics().lateRowsDropped()).isEqualTo(1);
        assertThat(op.openWindows()).isEqualTo(1);

        WindowJoinOperator restored = new WindowJoinOperator(node, new ExprCompiler());
        RowCollector out2 = new RowCollector();
        restored.open(context(), out2);
        restored.restore(new DataInputStream(new ByteArrayInputStream(state)));
        restored.onWatermark(0, 9_999);
        restored.onWatermark(1, 9_999);
        assertThat(out2.rows()).isEqualTo(out.rows());
        for (WindowJoinOperator o : List.of(op, restored)) {
            o.onWatermark(0, Long.MAX_VALUE);
            o.onWatermark(1, Long.MAX_VALUE);
            assertThat(o.openWindows()).isZero();
        }
        assertThat(out.rows()).hasSize(3).contains(row(1L, 12_000L, "c", 10_000L, 20_000L, 19_999L, 1L, 10_000L, "y",
                10_000L, 20_000L, 19_999L));
        assertThat(out2.rows()).isEqualTo(out.rows());
        op.close();
        restored.close();
    }
}
