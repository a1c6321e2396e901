package dev.runnel.exec.operator;

import static dev.runnel.exec.testing.Exprs.call;
import static dev.runnel.exec.testing.Exprs.lit;
import static dev.runnel.exec.testing.Exprs.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.join.HashJoinOperator;
import dev.runnel.exec.operator.join.StreamingJoinOperator;
import dev.runnel.exec.operator.project.FilterOperator;
import dev.runnel.exec.operator.project.ProjectOperator;
import dev.runnel.exec.operator.sort.LimitOperator;
import dev.runnel.exec.operator.sort.SortOperator;
import dev.runnel.exec.operator.union.UnionAllOperator;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.exec.testing.SnapshotTester;
import dev.runnel.exec.testing.StreamTester;
import dev.runnel.exec.testing.StreamTester.Element;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.SortNode.SortKey;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * LIMIT, ORDER BY (with and without a top-N), hash joins of every kind, UNION ALL, filters and
 * projections stopped at random points, snapshotted and restored into fresh operators, emit
 * exactly what uninterrupted ones do: the same rows in the same order and the same watermarks
 * (per-input watermarks and ended inputs included).
 */
class OperatorSnapshotProperties {
    static final RowSchema IN = Schemas.of("k", TypeKind.BIGINT, "s", TypeKind.VARCHAR, "v", TypeKind.BIGINT);
    static final RowSchema RIGHT = Schemas.of("rk", TypeKind.BIGINT, "w", TypeKind.BIGINT);
    final ExprCompiler compiler = new ExprCompiler();

    @Provide
    Arbitrary<List<List<List<Object>>>> batches() {
        Arbitrary<List<Object>> row = Combinators.combine(Arbitraries.longs().between(0, 6).injectNull(0.1),
                Arbitraries.of("a", "b", "cc", "").injectNull(0.1), Arbitraries.longs().between(-5, 5).injectNull(0.1))
                .as((k, s, v) -> Arrays.<Object>asList(k, s, v));
        return row.list().ofMaxSize(12).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 40).list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 150)
    void limit(@ForAll("batches") List<List<List<Object>>> batches, @ForAll @IntRange(max = 10) int offset,
            @ForAll @IntRange(min = -1, max = 20) int fetch, @ForAll("cuts") List<Integer> cuts) {
        same(() -> new LimitOperator(offset, fetch, IN, compiler), script(0, batches), cuts, IN);
    }

    @Property(tries = 150)
    void sort(@ForAll("batches") List<List<List<Object>>> batches, @ForAll @IntRange(max = 5) int offset,
            @ForAll @IntRange(min = -1, max = 8) int fetch, @ForAll boolean descending, @ForAll("cuts") List<Integer> cuts) {
        List<SortKey> keys = List.of(new SortKey(0, descending, !descending), new SortKey(1, false, true));
        same(() -> new SortOperator(keys, offset, fetch, IN), script(0, batches), cuts, IN);
    }

    @Property(tries = 150)
    void streamingJoin(@ForAll("batches") List<List<List<Object>>> left,
            @ForAll("batches") List<List<List<Object>>> right, @ForAll JoinKind kind, @ForAll boolean residual,
            @ForAll("cuts") List<Integer> cuts) {
        if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
            return;
        }
        List<List<List<Object>>> other = new ArrayList<>();
        for (List<List<Object>> b : right) {
            other.add(b.stream().map(r -> Arrays.<Object>asList(r.get(0), r.get(2))).toList());
        }
        Optional<Expr> condition = residual ? Optional.of(call(dev.runnel.planner.expr.Operator.LESS_THAN,
                TypeKind.BOOLEAN, ref(2, TypeKind.BIGINT), ref(4, TypeKind.BIGINT))) : Optional.empty();
        List<Element> script = new ArrayList<>(); // the two inputs take turns, as continuous sources do
        List<Element> l = script(0, left);
        List<Element> r = script(1, other);
        for (int i = 0; i < Math.max(l.size(), r.size()); i++) {
            if (i < l.size()) {
                script.add(l.get(i));
            }
            if (i < r.size()) {
                script.add(r.get(i));
            }
        }
        same(() -> new StreamingJoinOperator(kind, List.of(0), List.of(0), condition, IN, RIGHT, false, false, 0,
                compiler), script, cuts, IN, RIGHT);
    }

    @Property(tries = 200)
    void hashJoin(@ForAll("batches") List<List<List<Object>>> left, @ForAll("batches") List<List<List<Object>>> right,
            @ForAll JoinKind kind, @ForAll boolean residual, @ForAll("cuts") List<Integer> cuts) {
        List<List<List<Object>>> build = new ArrayList<>();
        for (List<List<Object>> b : right) {
            build.add(b.stream().map(r -> Arrays.<Object>asList(r.get(0), r.get(2))).toList());
        }
        List<Column> both = new ArrayList<>(IN.columns());
        both.addAll(RIGHT.columns());
        RowSchema out = kind == JoinKind.SEMI || kind == JoinKind.ANTI ? IN : new RowSchema(both);
        Optional<Expr> condition = residual ? Optional.of(call(dev.runnel.planner.expr.Operator.LESS_THAN,
                TypeKind.BOOLEAN, ref(2, TypeKind.BIGINT), ref(4, TypeKind.BIGINT))) : Optional.empty();
        List<Element> script = new ArrayList<>(script(1, build));
        script.addAll(script(0, left));
        same(() -> new HashJoinOperator(kind, List.of(0), List.of(0), condition, IN, RIGHT, out, compiler), script, cuts,
                IN, RIGHT);
    }

    @Property(tries = 200)
    void unionAll(@ForAll("batches") List<List<List<Object>>> a, @ForAll("batches") List<List<List<Object>>> b,
            @ForAll("batches") List<List<List<Object>>> c, @ForAll("order") List<Integer> order,
            @ForAll("cuts") List<Integer> cuts) {
        List<List<Element>> inputs = List.of(script(0, a), script(1, b), script(2, c));
        int[] at = new int[3];
        List<Element> script = new ArrayList<>();
        for (int pick : order) { // interleave the inputs' elements, each input's in order
            for (int i = 0; i < 3; i++) {
                int input = (pick + i) % 3;
                if (at[input] < inputs.get(input).size()) {
                    script.add(inputs.get(input).get(at[input]++));
                    break;
                }
            }
        }
        for (int input = 0; input < 3; input++) {
            script.addAll(inputs.get(input).subList(at[input], inputs.get(input).size()));
        }
        same(() -> new UnionAllOperator(3, IN, compiler), script, cuts, IN, IN, IN);
    }

    @Provide
    Arbitrary<List<Integer>> order() {
        return Arbitraries.integers().between(0, 2).list().ofMaxSize(40);
    }

    @Property(tries = 60)
    void filterAndProjectKeepNothing(@ForAll("batches") List<List<List<Object>>> batches,
            @ForAll("cuts") List<Integer> cuts) {
        Expr positive = call(dev.runnel.planner.expr.Operator.GREATER_THAN, TypeKind.BOOLEAN, ref(2, TypeKind.BIGINT),
                lit(0L, TypeKind.BIGINT));
        same(() -> new FilterOperator(positive, IN, compiler), script(0, batches), cuts, IN);
        RowSchema out = Schemas.of("s", TypeKind.VARCHAR, "v1", TypeKind.BIGINT);
        List<Expr> exprs = List.of(ref(1, TypeKind.VARCHAR), call(dev.runnel.planner.expr.Operator.PLUS, TypeKind.BIGINT,
                ref(2, TypeKind.BIGINT), lit(1L, TypeKind.BIGINT)));
        same(() -> new ProjectOperator(Optional.of(positive), exprs, IN, out, compiler), script(0, batches), cuts, IN);
        assertThat(SnapshotTester.snapshot(new FilterOperator(positive, IN, compiler))).isEmpty();
    }

    private static void same(Supplier<? extends Operator> op, List<Element> script, List<Integer> cuts,
            RowSchema... inputs) {
        Recorded whole = StreamTester.run(op.get(), script, inputs);
        Recorded restored = SnapshotTester.run(op, script, cuts, inputs);
        assertThat(restored.events).as("cuts %s of %s", cuts, script).isEqualTo(whole.events);
        assertThat(restored.finished).isEqualTo(whole.finished);
    }

    /** Batches of {@code input}, a rising watermark after every other one, then its end. */
    private static List<Element> script(int input, List<List<List<Object>>> batches) {
        List<Element> script = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            script.add(StreamTester.batch(input, batches.get(b)));
            if (b % 2 == 0) {
                script.add(StreamTester.watermark(input, 10L * b + input));
            }
        }
        script.add(StreamTester.end(input));
        return script;
    }
}
