package dev.runnel.exec.operator.aggregate;

import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.arrow.ArrowTypes;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.sink.RowCollector;
import dev.runnel.exec.sketch.HyperLogLog;
import dev.runnel.exec.testing.ExprHarness;
import dev.runnel.exec.testing.OperatorTester;
import dev.runnel.exec.testing.OperatorTester.Input;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * APPROX_COUNT_DISTINCT through the hash aggregate: exact (equal to COUNT(DISTINCT x)) for up to
 * {@link HyperLogLog#EXACT_LIMIT} different values per group, whatever the type; within 2.5% for a
 * million.
 */
class ApproxCountDistinctTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT).notNull();
    private static final RowSchema IN = Schemas.of("k", TypeKind.BIGINT, "s", TypeKind.VARCHAR, "d", TypeKind.DOUBLE,
            "m", DataType.decimal(10, 2), "f", TypeKind.BOOLEAN, "t", TypeKind.TIMESTAMP, "i", TypeKind.INT);

    private static AggregateCall approx(int arg) {
        return new AggregateCall(AggFunction.APPROX_COUNT_DISTINCT, List.of(arg), false, -1, BIGINT, "a" + arg);
    }

    private static AggregateCall countDistinct(int arg) {
        return new AggregateCall(AggFunction.COUNT, List.of(arg), true, -1, BIGINT, "c" + arg);
    }

    private static HashAggregateOperator aggregate(RowSchema in, List<Integer> keys, List<AggregateCall> calls) {
        List<Object> cols = new ArrayList<>();
        for (int k : keys) {
            cols.add(in.get(k).name());
            cols.add(in.get(k).type());
        }
        for (AggregateCall c : calls) {
            cols.add(c.name());
            cols.add(c.type());
        }
        return new HashAggregateOperator(keys, calls, in, Schemas.of(cols.toArray()));
    }

    @Test
    void smallCardinalitiesAreExactForEveryTypeAndNullsAndEmptyGroupsCountNothing() {
        List<List<Object>> data = OperatorTester.generate(6_000, i -> {
            int v = i % 900; // 900 different values (plus NULLs), each several times, in 3 groups
            boolean isNull = i % 97 == 0;
            return row((long) (i % 3), isNull ? null : "s" + v, isNull ? null : v == 0 ? (i % 2 == 0 ? -0.0 : 0.0) : v * 0.5,
                    isNull ? null : BigDecimal.valueOf(v, 2), isNull ? null : v % 2 == 0, isNull ? null : 1_000_000L * v,
                    isNull ? null : v);
        });
        List<AggregateCall> calls = new ArrayList<>();
        for (int c = 1; c <= 6; c++) {
            calls.add(approx(c));
        }
        for (int c = 1; c <= 6; c++) {
            calls.add(countDistinct(c));
        }
        RowCollector out = OperatorTester.run(aggregate(IN, List.of(0), calls), Input.of(IN, data));
        assertThat(out.rows()).hasSize(3);
        for (List<Object> r : out.rows()) {
            assertThat(r.subList(1, 7)).as("group " + r.get(0)).isEqualTo(r.subList(7, 13));
        }
        RowCollector empty = OperatorTester.run(aggregate(IN, List.of(), List.of(approx(1))), Input.of(IN));
        assertThat(empty.rows()).containsExactly(row(0L));
    }

    @Test
    void aMillionDifferentValuesAreCountedWithinTwoAndAHalfPercent() {
        RowSchema in = Schemas.of("v", TypeKind.BIGINT, "s", TypeKind.VARCHAR);
        int n = 1_000_000;
        RowCollector out = new RowCollector();
        try (BufferAllocator allocator = new RootAllocator()) {
            HashAggregateOperator op = aggregate(in, List.of(), List.of(approx(0), approx(1)));
            BufferAllocator mine = allocator.newChildAllocator("operator", 0, Long.MAX_VALUE);
            op.open(new OperatorContext(mine, List.of(), ExprHarness.CLOCK), out);
            try (VectorSchemaRoot b = VectorSchemaRoot.create(ArrowTypes.toSchema(in), allocator)) {
                for (int from = 0; from < n; from += 4096) {
                    int rows = Math.min(4096, n - from);
                    b.allocateNew();
                    BigIntVector v = (BigIntVector) b.getVector(0);
                    VarCharVector s = (VarCharVector) b.getVector(1);
                    for (int r = 0; r < rows; r++) {
                        long x = (from + r) * 2_654_435_761L;
                        v.setSafe(r, x);
                        s.setSafe(r, ("user-" + x).getBytes(StandardCharsets.UTF_8));
                    }
                    b.setRowCount(rows);
                    op.onBatch(0, b);
                }
            }
            op.onEndOfInput(0);
            op.close();
            mine.close();
        }
        long longs = (Long) out.rows().get(0).get(0);
        long strings = (Long) out.rows().get(0).get(1);
        assertThat(Math.abs(longs - n) / (double) n).isLessThan(0.025);
        assertThat(Math.abs(strings - n) / (double) n).isLessThan(0.025);
    }
}
