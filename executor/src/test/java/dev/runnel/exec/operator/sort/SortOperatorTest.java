package dev.runnel.exec.operator.sort;

import static dev.runnel.exec.testing.Rows.row;
import static dev.runnel.exec.testing.Rows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.operator.sink.RowCollector;
import dev.runnel.exec.testing.OperatorTester;
import dev.runnel.exec.testing.OperatorTester.Input;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.SortNode.SortKey;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortOperatorTest {
    private static final RowSchema IN = Schemas.of("s", TypeKind.VARCHAR, "n", TypeKind.BIGINT, "d", TypeKind.DOUBLE);
    private static final List<List<Object>> DATA = rows(row("b", 2L, 1.0), row(null, 1L, null), row("a", null, -0.0),
            row("é", 2L, Double.NaN), row("a", 3L, 0.0));

    @Test
    void ordersAscendingWithNullsLastAndStableTies() {
        SortOperator op = new SortOperator(List.of(new SortKey(0, false, false)), 0, -1, IN);
        assertThat(OperatorTester.run(op, Input.of(IN, DATA)).rows()).containsExactly(row("a", null, -0.0),
                row("a", 3L, 0.0), row("b", 2L, 1.0), row("é", 2L, Double.NaN), row(null, 1L, null));
    }

    @Test
    void ordersDescendingWithNullsFirstOnSeveralKeys() {
        SortOperator op = new SortOperator(List.of(new SortKey(1, true, true), new SortKey(0, false, true)), 0, -1, IN);
        assertThat(OperatorTester.run(op, Input.of(IN, DATA)).rows()).containsExactly(row("a", null, -0.0),
                row("a", 3L, 0.0), row("b", 2L, 1.0), row("é", 2L, Double.NaN), row(null, 1L, null));
    }

    @Test
    void doublesSortWithNanAboveEveryNumber() {
        SortOperator op = new SortOperator(List.of(new SortKey(2, true, false)), 0, -1, IN);
        List<List<Object>> out = OperatorTester.run(op, Input.of(IN, DATA)).rows();
        assertThat(out).extracting(r -> r.get(2)).containsExactly(Double.NaN, 1.0, -0.0, 0.0, null);
    }

    @Test
    void offsetAndFetchSliceTheSortedRows() {
        SortOperator op = new SortOperator(List.of(new SortKey(1, false, true)), 1, 2, IN);
        assertThat(OperatorTester.run(op, Input.of(IN, DATA)).rows()).containsExactly(row(null, 1L, null),
                row("b", 2L, 1.0));
    }

    @Test
    void topNOverManyBatchesMatchesAFullSort() {
        RowSchema in = Schemas.of("k", TypeKind.BIGINT, "i", TypeKind.BIGINT);
        Random r = new Random(7);
        List<List<List<Object>>> batches = new ArrayList<>();
        List<List<Object>> all = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            List<List<Object>> batch = OperatorTester.generate(3000, i -> row((long) r.nextInt(1000), 0L));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).set(1, (long) (b * 3000 + i));
            }
            batches.add(batch);
            all.addAll(batch);
        }
        all.sort(Comparator.comparing((List<Object> x) -> (Long) x.get(0)));
        SortOperator op = new SortOperator(List.of(new SortKey(0, false, false)), 5, 100, in);
        RowCollector out = OperatorTester.run(op, new Input(in, batches));
        assertThat(out.rows()).isEqualTo(all.subList(5, 105));
    }

    @Test
    void emptyInputFinishesWithoutRowsAndLargeOutputComesInBoundedBatches() {
        SortOperator empty = new SortOperator(List.of(new SortKey(0, false, false)), 0, -1, IN);
        RowCollector out = OperatorTester.run(empty, Input.of(IN));
        assertThat(out.rows()).isEmpty();
        assertThat(out.finished()).isTrue();
        RowSchema in = Schemas.of("k", TypeKind.BIGINT);
        SortOperator big = new SortOperator(List.of(new SortKey(0, true, false)), 0, -1, in);
        RowCollector many = OperatorTester.run(big, Input.of(in, OperatorTester.generate(9000, i -> row((long) i))));
        assertThat(many.batches()).isEqualTo(3);
        assertThat(many.rows().get(0)).isEqualTo(row(8999L));
    }
}
