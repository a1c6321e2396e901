package dev.runnel.exec.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.exec.testing.SnapshotTester;
import dev.runnel.exec.testing.StreamTester;
import dev.runnel.exec.testing.StreamTester.Element;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A GROUP BY stopped at random points (between batches, watermarks and the end), its state
 * snapshotted and restored into a fresh operator, emits exactly what an uninterrupted one does:
 * the same rows in the same order and the same watermarks. Bounded and continuous, over append-only
 * input and over a changelog, with every accumulator (DISTINCT multiplicities, MIN/MAX multisets,
 * DECIMAL and DOUBLE sums, FILTER, SINGLE_VALUE), keyed and global. The same for applying a
 * changelog (ChangelogApplyOperator).
 */
class HashAggregateSnapshotProperties {
    static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    static final DataType DOUBLE = DataType.of(TypeKind.DOUBLE);
    static final DataType VARCHAR = DataType.varchar();
    static final DataType MONEY = DataType.decimal(10, 2);
    /** k, b, v, d, m, s, i, id (unique per row). */
    static final RowSchema IN = Schemas.of("k", TypeKind.VARCHAR, "b", TypeKind.BOOLEAN, "v", TypeKind.BIGINT,
            "d", TypeKind.DOUBLE, "m", MONEY, "s", TypeKind.VARCHAR, "i", TypeKind.INT, "id", TypeKind.BIGINT);

    record Case(List<List<Object>> rows, boolean changelog, boolean continuous, int keying, List<Integer> batches,
            List<Integer> cuts) {}

    static AggregateCall call(AggFunction f, DataType type, boolean distinct, int filter, Integer... args) {
        return new AggregateCall(f, List.of(args), distinct, filter, type, f.name().toLowerCase() + args.length);
    }

    static List<AggregateCall> calls(boolean changelog, boolean uniqueKeys) {
        List<AggregateCall> calls = new ArrayList<>(List.of(call(AggFunction.COUNT, BIGINT, false, -1),
                call(AggFunction.COUNT, BIGINT, false, -1, 2), call(AggFunction.SUM, BIGINT, false, -1, 2),
                call(AggFunction.AVG, BIGINT, false, -1, 2), call(AggFunction.MIN, BIGINT, false, -1, 2),
                call(AggFunction.MAX, BIGINT, false, -1, 2), call(AggFunction.SUM, DOUBLE, false, -1, 3),
                call(AggFunction.AVG, DOUBLE, false, -1, 3), call(AggFunction.MIN, DOUBLE, false, -1, 3),
                call(AggFunction.MAX, DOUBLE, false, -1, 3), call(AggFunction.SUM, DataType.decimal(38, 2), false, -1, 4),
                call(AggFunction.AVG, DataType.decimal(38, 4), false, -1, 4), call(AggFunction.MIN, MONEY, false, -1, 4),
                call(AggFunction.MAX, VARCHAR, false, -1, 5), call(AggFunction.MIN, VARCHAR, false, -1, 5),
                call(AggFunction.COUNT, BIGINT, true, -1, 2), call(AggFunction.SUM, BIGINT, true, -1, 2),
                call(AggFunction.COUNT, BIGINT, true, -1, 5), call(AggFunction.MAX, DataType.of(TypeKind.INT), true, -1, 6),
                call(AggFunction.COUNT, BIGINT, false, 1), call(AggFunction.SUM, BIGINT, false, 1, 2),
                call(AggFunction.MAX, DataType.of(TypeKind.BOOLEAN), false, -1, 1),
                call(AggFunction.ANY_VALUE, VARCHAR, false, -1, 5)));
        if (!changelog) { // neither takes values back
            calls.add(call(AggFunction.APPROX_COUNT_DISTINCT, BIGINT, false, -1, 5));
            if (uniqueKeys) {
                calls.add(call(AggFunction.SINGLE_VALUE, VARCHAR, false, -1, 5));
            }
        }
        return calls;
    }

    static List<Integer> keys(int keying) {
        return switch (keying) {
            case 0 -> List.of();
            case 1 -> List.of(0);
            case 2 -> List.of(0, 1);
            default -> List.of(7);
        };
    }

    static RowSchema output(List<Integer> keys, List<AggregateCall> calls) {
        List<Column> out = new ArrayList<>();
        keys.forEach(k -> out.add(IN.get(k)));
        calls.forEach(c -> out.add(new Column(c.name(), c.type())));
        return new RowSchema(out);
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<Object>> row = Combinators.combine(List.of(
                Arbitraries.of("a", "b", "c", "dd", "é").map(x -> (Object) x).injectNull(0.1),
                Arbitraries.of(true, false).map(x -> (Object) x).injectNull(0.1),
                Arbitraries.longs().between(-20, 20).map(x -> (Object) x).injectNull(0.15),
                Arbitraries.of(-1.5, 0.0, -0.0, 2.25, 1e300, Double.NaN).map(x -> (Object) x).injectNull(0.15),
                Arbitraries.bigDecimals().between(new BigDecimal("-99.99"), new BigDecimal("99.99")).ofScale(2)
                        .map(x -> (Object) x).injectNull(0.15),
                Arbitraries.of("x", "y", "zz", "", "日本").map(x -> (Object) x).injectNull(0.1),
                Arbitraries.integers().between(-3, 3).map(x -> (Object) x).injectNull(0.1)))
                .as(ArrayList::new);
        // a changelog is made valid afterwards: a retraction takes back a row that is there
        Arbitrary<List<List<Object>>> rows = Combinators.combine(row, Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 1000)).as((r, op, pick) -> {
                    List<Object> x = new ArrayList<>(r);
                    x.add(op);
                    x.add(pick);
                    return x;
                }).list().ofMaxSize(90);
        return Combinators.combine(rows, Arbitraries.of(false, true), Arbitraries.of(false, true),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 15).list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.integers().between(0, 40).list().ofMinSize(1).ofMaxSize(3)).as(Case::new);
    }

    @Property(tries = 300)
    void aRestoredGroupByContinuesExactlyAsAnUninterruptedOne(@ForAll("cases") Case c) {
        boolean unique = c.keying() == 3;
        List<Integer> keys = keys(c.keying());
        List<AggregateCall> calls = calls(c.changelog(), unique);
        RowSchema out = output(keys, calls);
        List<List<Object>> rows = c.changelog() ? changelog(c.rows()) : plain(c.rows());
        RowSchema in = c.changelog() ? Changelog.withOp(IN) : IN;
        List<Element> script = script(rows, c.batches());
        Supplier<HashAggregateOperator> op = () -> new HashAggregateOperator(keys, calls, IN, out, c.changelog(),
                c.continuous());
        same(op, script, c.cuts(), in);
    }

    @Property(tries = 150)
    void aRestoredChangelogApplyEndsWithTheSameRows(@ForAll("cases") Case c) {
        RowSchema data = Schemas.of("k", TypeKind.VARCHAR, "v", TypeKind.BIGINT, "m", MONEY);
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> r : changelog(c.rows())) {
            rows.add(Arrays.asList(r.get(0), r.get(2), r.get(4), r.get(IN.size())));
        }
        same(() -> new ChangelogApplyOperator(data), script(rows, c.batches()), c.cuts(), Changelog.withOp(data));
    }

    /** Sketches past their exact phase (over 1,024 values a group) are restored as they were. */
    @Example
    void denseDistinctCountSketchesAreRestored() {
        List<AggregateCall> calls = List.of(call(AggFunction.APPROX_COUNT_DISTINCT, BIGINT, false, -1, 2),
                call(AggFunction.APPROX_COUNT_DISTINCT, BIGINT, false, -1, 5), call(AggFunction.COUNT, BIGINT, true, -1, 2));
        RowSchema out = output(List.of(0), calls);
        List<List<Object>> rows = new ArrayList<>();
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 12_000; i++) {
            long v = random.nextInt(5000);
            rows.add(new ArrayList<>(Arrays.asList(i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : null, true, v, 0.0,
                    BigDecimal.ONE, "s" + v, 1, (long) i)));
        }
        List<Element> script = script(rows, List.of(1000));
        for (boolean continuous : new boolean[] {false, true}) {
            same(() -> new HashAggregateOperator(List.of(0), calls, IN, out, false, continuous), script,
                    List.of(3, 9, 15), IN);
        }
    }

    static void same(Supplier<? extends dev.runnel.exec.operator.Operator> op, List<Element> script, List<Integer> cuts,
            RowSchema in) {
        Recorded whole = StreamTester.run(op.get(), script, in);
        Recorded restored = SnapshotTester.run(op, script, cuts, in);
        assertThat(restored.events).as("cut after elements %s of %s", cuts, script).isEqualTo(whole.events);
        assertThat(restored.finished).isEqualTo(whole.finished);
    }

    /** Rows with a unique id, without the change-kind fields. */
    static List<List<Object>> plain(List<List<Object>> generated) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> g : generated) {
            List<Object> r = new ArrayList<>(g.subList(0, 7));
            r.add((long) rows.size());
            rows.add(r);
        }
        return rows;
    }

    /** A valid changelog: a generated retraction takes back one of the rows present, else it adds. */
    static List<List<Object>> changelog(List<List<Object>> generated) {
        List<List<Object>> present = new ArrayList<>();
        List<List<Object>> out = new ArrayList<>();
        long id = 0;
        for (List<Object> g : generated) {
            int op = (Integer) g.get(7);
            List<Object> r;
            if (Changelog.retracts(op) && !present.isEmpty()) {
                r = present.remove((Integer) g.get(8) % present.size());
            } else {
                op = op & 2; // +I or +U
                r = new ArrayList<>(g.subList(0, 7));
                r.add(id++);
                present.add(r);
            }
            List<Object> row = new ArrayList<>(r);
            row.add(op);
            out.add(row);
        }
        return out;
    }

    /** The rows in batches of the given sizes (cycled), a rising watermark after every other one, then the end. */
    static List<Element> script(List<List<Object>> rows, List<Integer> sizes) {
        List<Element> script = new ArrayList<>();
        int at = 0;
        for (int b = 0; at < rows.size(); b++) {
            int to = Math.min(rows.size(), at + sizes.get(b % sizes.size()));
            script.add(StreamTester.batch(new ArrayList<>(rows.subList(at, to))));
            if (b % 2 == 1) {
                script.add(StreamTester.watermark(100L * b));
            }
            at = to;
        }
        script.add(StreamTester.end());
        return script;
    }
}
