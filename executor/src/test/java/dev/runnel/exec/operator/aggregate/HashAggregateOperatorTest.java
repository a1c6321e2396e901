package dev.runnel.exec.operator.aggregate;

import static dev.runnel.exec.testing.Rows.row;
import static dev.runnel.exec.testing.Rows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.exec.operator.sink.RowCollector;
import dev.runnel.exec.testing.OperatorTester;
import dev.runnel.exec.testing.OperatorTester.Input;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashAggregateOperatorTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType DOUBLE = DataType.of(TypeKind.DOUBLE);
    private static final DataType VARCHAR = DataType.varchar();
    private static final RowSchema IN = Schemas.of("k", TypeKind.VARCHAR, "v", TypeKind.BIGINT, "d", TypeKind.DOUBLE,
            "m", DataType.decimal(10, 2), "f", TypeKind.BOOLEAN);

    private static AggregateCall agg(AggFunction f, DataType type, Integer... args) {
        return new AggregateCall(f, List.of(args), false, -1, type, f.name().toLowerCase());
    }

    private static HashAggregateOperator aggregate(List<Integer> keys, AggregateCall... calls) {
        List<Object> cols = new ArrayList<>();
        for (int k : keys) {
            cols.add(IN.get(k).name());
            cols.add(IN.get(k).type());
        }
        for (AggregateCall c : calls) {
            cols.add(c.name());
            cols.add(c.type());
        }
        return new HashAggregateOperator(keys, List.of(calls), IN, Schemas.of(cols.toArray()));
    }

    private static final List<List<Object>> DATA = rows(
            row("a", 1L, 1.5, new BigDecimal("1.10"), true),
            row("b", 10L, null, new BigDecimal("2.00"), false),
            row("a", null, 2.5, null, null),
            row(null, 5L, 0.5, new BigDecimal("0.01"), true),
            row("a", 3L, -1.0, new BigDecimal("3.33"), true));

    @Test
    void groupsByKeyIncludingANullGroupInOrderOfFirstAppearance() {
        RowCollector out = OperatorTester.run(aggregate(List.of(0), agg(AggFunction.COUNT, BIGINT),
                agg(AggFunction.COUNT, BIGINT, 1), agg(AggFunction.SUM, BIGINT, 1), agg(AggFunction.MIN, BIGINT, 1),
                agg(AggFunction.MAX, VARCHAR, 0), agg(AggFunction.AVG, DOUBLE, 2),
                agg(AggFunction.SUM, DataType.decimal(12, 2), 3)), Input.of(IN, DATA));
        assertThat(out.rows()).containsExactly(
                row("a", 3L, 2L, 4L, 1L, "a", 1.0, new BigDecimal("4.43")),
                row("b", 1L, 1L, 10L, 10L, "b", null, new BigDecimal("2.00")),
                row(null, 1L, 1L, 5L, 5L, null, 0.5, new BigDecimal("0.01")));
    }

    @Test
    void noGroupKeysGiveExactlyOneRowEvenForEmptyInput() {
        RowCollector out = OperatorTester.run(aggregate(List.of(), agg(AggFunction.COUNT, BIGINT),
                agg(AggFunction.SUM, BIGINT, 1), agg(AggFunction.MAX, DOUBLE, 2)), Input.of(IN, rows()));
        assertThat(out.rows()).containsExactly(row(0L, null, null));
        RowCollector none = OperatorTester.run(aggregate(List.of(0), agg(AggFunction.COUNT, BIGINT)), Input.of(IN));
        assertThat(none.rows()).isEmpty();
        assertThat(none.finished()).isTrue();
    }

    @Test
    void distinctAggregatesCountEachValueOncePerGroupAndIgnoreNulls() {
        AggregateCall countDistinct = new AggregateCall(AggFunction.COUNT, List.of(1), true, -1, BIGINT, "cd");
        AggregateCall sumDistinct = new AggregateCall(AggFunction.SUM, List.of(1), true, -1, BIGINT, "sd");
        List<List<Object>> data = rows(row("a", 1L, 0.0, null, true), row("a", 1L, 0.0, null, true),
                row("a", 2L, 0.0, null, true), row("b", 1L, 0.0, null, true), row("a", null, 0.0, null, true));
        RowCollector out = OperatorTester.run(aggregate(List.of(0), countDistinct, sumDistinct,
                agg(AggFunction.COUNT, BIGINT, 1)), Input.of(IN, data.subList(0, 2), data.subList(2, 5)));
        assertThat(out.rows()).containsExactly(row("a", 2L, 3L, 3L), row("b", 1L, 1L, 1L));
    }

    @Test
    void filterArgumentsRestrictEachCallToRowsWhereTheFilterIsTrue() {
        AggregateCall onlyTrue = new AggregateCall(AggFunction.SUM, List.of(1), false, 4, BIGINT, "s");
        AggregateCall countTrue = new AggregateCall(AggFunction.COUNT, List.of(), false, 4, BIGINT, "c");
        RowCollector out = OperatorTester.run(aggregate(List.of(), onlyTrue, countTrue, agg(AggFunction.COUNT, BIGINT)),
                Input.of(IN, DATA));
        assertThat(out.rows()).containsExactly(row(9L, 3L, 5L));
    }

    @Test
    void averageOfIntegersIsExactInTheResultType() {
        RowSchema in = Schemas.of("v", TypeKind.BIGINT);
        List<List<Object>> data = rows(row(1L), row(2L), row(2L));
        HashAggregateOperator op = new HashAggregateOperator(List.of(), List.of(
                agg(AggFunction.AVG, BIGINT, 0), agg(AggFunction.AVG, DataType.decimal(10, 3), 0),
                agg(AggFunction.AVG, DOUBLE, 0)), in,
                Schemas.of("a", BIGINT, "b", DataType.decimal(10, 3), "c", DOUBLE));
        assertThat(OperatorTester.run(op, Input.of(in, data)).rows())
                .containsExactly(row(1L, new BigDecimal("1.667"), 5.0 / 3));
    }

    @Test
    void manyGroupsAcrossBatchesGrowTheTableAndComeOutInBoundedBatches() {
        RowSchema in = Schemas.of("k", TypeKind.BIGINT, "v", TypeKind.BIGINT);
        List<List<Object>> b1 = OperatorTester.generate(4000, i -> row((long) (i % 5000), 1L));
        List<List<Object>> b2 = OperatorTester.generate(4000, i -> row((long) ((i + 4000) % 5000), 2L));
        HashAggregateOperator op = new HashAggregateOperator(List.of(0), List.of(agg(AggFunction.SUM, BIGINT, 1)), in,
                Schemas.of("k", BIGINT, "s", BIGINT));
        RowCollector out = OperatorTester.run(op, Input.of(in, b1, b2));
        assertThat(out.rows()).hasSize(5000);
        assertThat(out.batches()).isEqualTo(2);
        assertThat(out.rows().get(0)).isEqualTo(row(0L, 3L));
        assertThat(out.rows().get(3999)).isEqualTo(row(3999L, 1L));
        assertThat(out.rows().get(4000)).isEqualTo(row(4000L, 2L));
    }

    @Test
    void sumOverflowIsADataError() {
        RowSchema in = Schemas.of("v", TypeKind.BIGINT);
        HashAggregateOperator op = new HashAggregateOperator(List.of(), List.of(agg(AggFunction.SUM, BIGINT, 0)), in,
                Schemas.of("s", BIGINT));
        assertThatThrownBy(() -> OperatorTester.run(op, Input.of(in, rows(row(Long.MAX_VALUE), row(1L)))))
                .isInstanceOf(RunnelSqlException.class).hasMessage("BIGINT overflow");
    }

    @Test
    void minMaxAndAnyValueWorkForEveryType() {
        RowSchema in = Schemas.of("b", TypeKind.BOOLEAN, "t", TypeKind.TIMESTAMP, "dt", TypeKind.DATE, "s",
                TypeKind.VARCHAR, "m", DataType.decimal(5, 1), "d", TypeKind.DOUBLE);
        List<List<Object>> data = rows(row(true, 5L, 3, "b", new BigDecimal("1.5"), Double.NaN),
                row(false, 7L, 1, "ab", new BigDecimal("-2.0"), 1.0), row(null, null, null, null, null, null));
        List<AggregateCall> calls = new ArrayList<>();
        List<Object> cols = new ArrayList<>();
        for (int c = 0; c < in.size(); c++) {
            for (AggFunction f : List.of(AggFunction.MIN, AggFunction.MAX)) {
                calls.add(agg(f, in.get(c).type(), c));
                cols.add(f.name() + c);
                cols.add(in.get(c).type());
            }
        }
        HashAggregateOperator op = new HashAggregateOperator(List.of(), calls, in, Schemas.of(cols.toArray()));
        assertThat(OperatorTester.run(op, Input.of(in, data)).rows()).containsExactly(row(false, true, 5L, 7L, 1, 3,
                "ab", "b", new BigDecimal("-2.0"), new BigDecimal("1.5"), 1.0, Double.NaN));
    }
}
