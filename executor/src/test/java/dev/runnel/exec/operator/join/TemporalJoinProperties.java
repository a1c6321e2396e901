package dev.runnel.exec.operator.join;

import static dev.runnel.exec.testing.Exprs.call;
import static dev.runnel.exec.testing.Exprs.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.testing.Relations;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.exec.testing.SnapshotTester;
import dev.runnel.exec.testing.StreamTester;
import dev.runnel.exec.testing.StreamTester.Element;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.TemporalJoinNode;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link TemporalJoinOperator} against a row-at-a-time oracle (every version of every key kept,
 * the last one not after a row's time chosen), and stopped at random points, snapshotted and
 * restored into a fresh operator, against the uninterrupted run. Probe watermarks never pass a
 * probe row still to come, so every row is joined exactly.
 */
class TemporalJoinProperties {
    static final RowSchema LEFT = Schemas.of("k", TypeKind.BIGINT, "ts", TypeKind.TIMESTAMP, "v", TypeKind.BIGINT);
    static final RelationDef RATES = Relations.table("rates", List.of(
            new Column("rk", DataType.of(TypeKind.BIGINT).notNull()), Relations.col("rate", TypeKind.BIGINT),
            Relations.col("t", TypeKind.TIMESTAMP)), List.of(0), 1);
    static final ScanNode RIGHT = Relations.scan(RATES, 0, 1, 2);
    static final RowSchema RIGHT_OP = Changelog.withOp(RIGHT.schema());
    static final RowSchema OUT = Schemas.of("k", TypeKind.BIGINT, "ts", TypeKind.TIMESTAMP, "v", TypeKind.BIGINT,
            "rk", TypeKind.BIGINT, "rate", TypeKind.BIGINT);
    static final ExprCompiler COMPILER = new ExprCompiler();

    static TemporalJoinNode node(JoinKind kind, boolean residual) {
        Optional<Expr> condition = residual ? Optional.of(call(Operator.GREATER_THAN, TypeKind.BOOLEAN,
                ref(4, TypeKind.BIGINT), ref(2, TypeKind.BIGINT))) : Optional.empty();
        return new TemporalJoinNode(new ValuesNode(List.of(), LEFT), RIGHT, kind, List.of(0), List.of(0), 1, 2, 2,
                condition, OUT);
    }

    @Provide
    Arbitrary<List<List<Object>>> versions() {
        Arbitrary<List<Object>> row = Combinators.combine(Arbitraries.longs().between(0, 3),
                Arbitraries.longs().between(0, 9).injectNull(0.1), Arbitraries.longs().between(0, 50).injectNull(0.1),
                Arbitraries.of(Changelog.INSERT, Changelog.INSERT, Changelog.UPDATE_AFTER, Changelog.DELETE))
                .as((k, rate, t, op) -> Arrays.<Object>asList(k, rate, t, op));
        return row.list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<List<Object>>> probes() {
        Arbitrary<List<Object>> row = Combinators.combine(Arbitraries.longs().between(0, 4).injectNull(0.1),
                Arbitraries.longs().between(0, 60).injectNull(0.05), Arbitraries.longs().between(0, 9))
                .as((k, ts, v) -> Arrays.<Object>asList(k, ts, v));
        return row.list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 20).list().ofMinSize(1).ofMaxSize(3);
    }

    /** The versions in batches of 4, then their end; the probe rows in batches of 3, each followed by a safe watermark. */
    static List<Element> script(List<List<Object>> versions, List<List<Object>> probes) {
        List<Element> script = new ArrayList<>();
        for (int i = 0; i < versions.size(); i += 4) {
            script.add(StreamTester.batch(1, versions.subList(i, Math.min(versions.size(), i + 4))));
        }
        script.add(StreamTester.end(1));
        long last = Long.MIN_VALUE;
        for (int i = 0; i < probes.size(); i += 3) {
            int end = Math.min(probes.size(), i + 3);
            script.add(StreamTester.batch(0, probes.subList(i, end)));
            long safe = Long.MAX_VALUE;
            for (List<Object> p : probes.subList(end, probes.size())) {
                if (p.get(1) != null) {
                    safe = Math.min(safe, (Long) p.get(1) - 1);
                }
            }
            if (safe != Long.MAX_VALUE && safe > last) {
                script.add(StreamTester.watermark(0, safe));
                last = safe;
            }
        }
        script.add(StreamTester.end(0));
        return script;
    }

    /** Every probe row (with a time) in time order, joined with the last version not after its time. */
    static List<List<Object>> oracle(List<List<Object>> versions, List<List<Object>> probes, JoinKind kind,
            boolean residual) {
        Map<Object, List<long[]>> byKey = new HashMap<>(); // {time, index into versions or -1}
        for (int i = 0; i < versions.size(); i++) {
            List<Object> v = versions.get(i);
            List<long[]> list = byKey.computeIfAbsent(v.get(0), k -> new ArrayList<>());
            boolean delete = Changelog.retracts((Integer) v.get(3));
            long t;
            if (v.get(2) != null) {
                t = (Long) v.get(2);
            } else if (!delete) {
                t = Long.MIN_VALUE;
            } else if (!list.isEmpty()) {
                t = list.stream().mapToLong(e -> e[0]).max().orElseThrow();
            } else {
                continue;
            }
            list.add(new long[] {t, delete ? -1 : i});
            list.sort((a, b) -> Long.compare(a[0], b[0])); // stable: later arrivals after equal times
        }
        List<List<Object>> timed = new ArrayList<>(probes.stream().filter(p -> p.get(1) != null).toList());
        timed.sort((a, b) -> Long.compare((Long) a.get(1), (Long) b.get(1)));
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> p : timed) {
            List<Object> match = null;
            for (long[] e : byKey.getOrDefault(p.get(0), List.of())) {
                if (e[0] <= (Long) p.get(1)) {
                    match = e[1] < 0 ? null : versions.get((int) e[1]);
                }
            }
            if (match != null && residual && (match.get(1) == null || (Long) match.get(1) <= (Long) p.get(2))) {
                match = null;
            }
            if (match == null && kind == JoinKind.INNER) {
                continue;
            }
            List<Object> row = new ArrayList<>(p);
            row.add(match == null ? null : match.get(0));
            row.add(match == null ? null : match.get(1));
            out.add(row);
        }
        return out;
    }

    @Property(tries = 300)
    void joinsEachRowWithTheVersionValidAtItsTime(@ForAll("versions") List<List<Object>> versions,
            @ForAll("probes") List<List<Object>> probes, @ForAll JoinKind kind, @ForAll boolean residual) {
        if (kind != JoinKind.INNER && kind != JoinKind.LEFT) {
            return;
        }
        Recorded run = StreamTester.run(new TemporalJoinOperator(node(kind, residual), COMPILER),
                script(versions, probes), LEFT, RIGHT_OP);
        assertThat(run.rows).isEqualTo(oracle(versions, probes, kind, residual));
        assertThat(run.finished).isTrue();
    }

    @Property(tries = 200)
    void aRestoredJoinContinuesExactlyAsTheUninterruptedOne(@ForAll("versions") List<List<Object>> versions,
            @ForAll("probes") List<List<Object>> probes, @ForAll boolean left, @ForAll("cuts") List<Integer> cuts) {
        TemporalJoinNode node = node(left ? JoinKind.LEFT : JoinKind.INNER, true);
        List<Element> script = script(versions, probes);
        Recorded whole = StreamTester.run(new TemporalJoinOperator(node, COMPILER), script, LEFT, RIGHT_OP);
        Recorded restored = SnapshotTester.run(() -> new TemporalJoinOperator(node, COMPILER), script, cuts, LEFT,
                RIGHT_OP);
        assertThat(restored.events).as("cuts %s of %s", cuts, script).isEqualTo(whole.events);
        assertThat(restored.finished).isEqualTo(whole.finished);
    }
}
