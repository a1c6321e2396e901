package dev.runnel.exec.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.exec.testing.StreamTester;
import dev.runnel.exec.testing.StreamTester.Element;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * GROUP BY run continuously emits a changelog whose application is, after every batch, what the
 * bounded GROUP BY gives over the rows so far; and a GROUP BY over that changelog (MIN and MAX,
 * COUNT, SUM, COUNT DISTINCT taking values back) ends where the bounded nesting does, however the
 * input is cut into batches.
 */
class ChangelogAggregateProperties {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType VARCHAR = DataType.varchar();
    private static final RowSchema IN = Schemas.of("k", TypeKind.VARCHAR, "v", TypeKind.BIGINT, "s", TypeKind.VARCHAR);
    /** Per k: COUNT(*), SUM(v), MIN(v), MAX(s), COUNT(DISTINCT v). */
    private static final List<AggregateCall> INNER = List.of(call(AggFunction.COUNT, BIGINT, false),
            call(AggFunction.SUM, BIGINT, false, 1), call(AggFunction.MIN, BIGINT, false, 1),
            call(AggFunction.MAX, VARCHAR, false, 2), call(AggFunction.COUNT, BIGINT, true, 1));
    private static final RowSchema INNER_OUT = Schemas.of("k", TypeKind.VARCHAR, "cnt", TypeKind.BIGINT, "total",
            TypeKind.BIGINT, "low", TypeKind.BIGINT, "top", TypeKind.VARCHAR, "values", TypeKind.BIGINT);
    /** Per cnt: COUNT(*), MIN(total), MAX(total), SUM(low), MAX(top), COUNT(DISTINCT values). */
    private static final List<AggregateCall> OUTER = List.of(call(AggFunction.COUNT, BIGINT, false),
            call(AggFunction.MIN, BIGINT, false, 2), call(AggFunction.MAX, BIGINT, false, 2),
            call(AggFunction.SUM, BIGINT, false, 3), call(AggFunction.MAX, VARCHAR, false, 4),
            call(AggFunction.COUNT, BIGINT, true, 5));
    private static final RowSchema OUTER_OUT = Schemas.of("cnt", TypeKind.BIGINT, "n", TypeKind.BIGINT, "min_total",
            TypeKind.BIGINT, "max_total", TypeKind.BIGINT, "sum_low", TypeKind.BIGINT, "top", TypeKind.VARCHAR,
            "distinct_values", TypeKind.BIGINT);

    private static AggregateCall call(AggFunction f, DataType type, boolean distinct, Integer... args) {
        return new AggregateCall(f, List.of(args), distinct, -1, type, f.name().toLowerCase());
    }

    @Property(tries = 200)
    void aContinuousGroupByIsTheBoundedOneAfterEveryBatchAndNestsOverItsOwnChangelog(
            @ForAll("rows") List<List<Object>> rows, @ForAll("cuts") List<Integer> cuts) {
        List<List<List<Object>>> batches = cut(rows, cuts);
        Recorded inner = StreamTester.run(new HashAggregateOperator(List.of(0), INNER, IN, INNER_OUT, false, true),
                script(batches), IN);
        assertThat(applied(inner.rows)).isEqualTo(multiset(bounded(List.of(0), INNER, IN, INNER_OUT, rows)));

        // after every batch: feed the batches one at a time and compare the state so far
        List<List<Object>> soFar = new ArrayList<>();
        List<Element> script = new ArrayList<>();
        for (List<List<Object>> b : batches) {
            soFar.addAll(b);
            script.add(StreamTester.batch(b));
            Recorded partial = StreamTester.run(new HashAggregateOperator(List.of(0), INNER, IN, INNER_OUT, false, true),
                    script, IN);
            assertThat(applied(partial.rows)).isEqualTo(multiset(bounded(List.of(0), INNER, IN, INNER_OUT, soFar)));
        }

        // the changelog, cut differently, into a GROUP BY that retracts
        RowSchema changelog = Changelog.withOp(INNER_OUT);
        Recorded outer = StreamTester.run(new HashAggregateOperator(List.of(1), OUTER, INNER_OUT, OUTER_OUT, true, true),
                script(cut(inner.rows, cuts.subList(0, cuts.size() / 2))), changelog);
        List<List<Object>> innerFinal = bounded(List.of(0), INNER, IN, INNER_OUT, rows);
        assertThat(applied(outer.rows)).isEqualTo(multiset(bounded(List.of(1), OUTER, INNER_OUT, OUTER_OUT, innerFinal)));

        // and the same changelog into a bounded GROUP BY: final rows only, gone groups left out
        Recorded once = StreamTester.run(new HashAggregateOperator(List.of(1), OUTER, INNER_OUT, OUTER_OUT, true, false),
                script(cut(inner.rows, cuts)), changelog);
        assertThat(multiset(once.rows)).isEqualTo(multiset(bounded(List.of(1), OUTER, INNER_OUT, OUTER_OUT, innerFinal)));
    }

    @Example
    void aGroupWhoseRowsAreAllRetractedIsDeletedAndAnUnchangedResultEmitsNothing() {
        RowSchema in = Changelog.withOp(Schemas.of("k", TypeKind.VARCHAR, "v", TypeKind.BIGINT));
        RowSchema out = Schemas.of("k", TypeKind.VARCHAR, "m", TypeKind.BIGINT);
        HashAggregateOperator max = new HashAggregateOperator(List.of(0), List.of(call(AggFunction.MAX, BIGINT, false, 1)),
                Schemas.of("k", TypeKind.VARCHAR, "v", TypeKind.BIGINT), out, true, true);
        Recorded r = StreamTester.run(max, List.of(
                StreamTester.batch(List.of(List.of("a", 5L, Changelog.INSERT), List.of("a", 7L, Changelog.INSERT))),
                StreamTester.batch(List.of(List.of("a", 3L, Changelog.INSERT))), // MAX stays 7: nothing
                StreamTester.batch(List.of(List.of("a", 7L, Changelog.DELETE))), // MAX falls back to 5
                StreamTester.batch(List.of(List.of("a", 5L, Changelog.DELETE), List.of("a", 3L, Changelog.DELETE))),
                StreamTester.end()), in);
        assertThat(r.rows).containsExactly(List.of("a", 7L, Changelog.INSERT), List.of("a", 7L, Changelog.UPDATE_BEFORE),
                List.of("a", 5L, Changelog.UPDATE_AFTER), List.of("a", 5L, Changelog.DELETE));
    }

    private static List<Element> script(List<List<List<Object>>> batches) {
        List<Element> script = new ArrayList<>();
        batches.forEach(b -> script.add(StreamTester.batch(b)));
        script.add(StreamTester.end());
        return script;
    }

    private static List<List<Object>> bounded(List<Integer> keys, List<AggregateCall> calls, RowSchema in,
            RowSchema out, List<List<Object>> rows) {
        Recorded r = StreamTester.run(new HashAggregateOperator(keys, calls, in, out),
                List.of(StreamTester.batch(rows), StreamTester.end()), in);
        return r.rows;
    }

    /** Applies a changelog (rows ending in their change kind): each retraction must find its row. */
    private static Map<List<Object>, Integer> applied(List<List<Object>> changes) {
        Map<List<Object>, Integer> state = new HashMap<>();
        for (List<Object> c : changes) {
            List<Object> row = c.subList(0, c.size() - 1);
            if (Changelog.retracts((Integer) c.get(c.size() - 1))) {
                Integer n = state.get(row);
                assertThat(n).as("retracts a row that is there: " + c).isNotNull();
                if (n == 1) {
                    state.remove(row);
                } else {
                    state.put(row, n - 1);
                }
            } else {
                state.merge(row, 1, Integer::sum);
            }
        }
        return state;
    }

    private static Map<List<Object>, Integer> multiset(List<List<Object>> rows) {
        Map<List<Object>, Integer> m = new HashMap<>();
        rows.forEach(r -> m.merge(r, 1, Integer::sum));
        return m;
    }

    private static List<List<List<Object>>> cut(List<List<Object>> rows, List<Integer> sizes) {
        List<List<List<Object>>> batches = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < rows.size(); i++) {
            int n = sizes.isEmpty() ? rows.size() : Math.max(1, sizes.get(i % sizes.size()));
            batches.add(new ArrayList<>(rows.subList(at, Math.min(rows.size(), at + n))));
            at += n;
        }
        return batches;
    }

    @Provide
    Arbitrary<List<List<Object>>> rows() {
        Arbitrary<String> k = Arbitraries.of("a", "b", "c", "d", "e").injectNull(0.1);
        Arbitrary<Long> v = Arbitraries.longs().between(-20, 20).injectNull(0.15);
        Arbitrary<String> s = Arbitraries.of("x", "y", "zz", "é").injectNull(0.1);
        return Combinators.combine(k, v, s).as((a, b, c) -> Arrays.<Object>asList(a, b, c)).list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 12).list().ofMinSize(1).ofMaxSize(8);
    }
}
