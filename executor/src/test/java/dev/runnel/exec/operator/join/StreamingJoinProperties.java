package dev.runnel.exec.operator.join;

import static dev.runnel.exec.testing.Exprs.call;
import static dev.runnel.exec.testing.Exprs.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.exec.testing.SnapshotTester;
import dev.runnel.exec.testing.StreamTester;
import dev.runnel.exec.testing.StreamTester.Element;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link StreamingJoinOperator} against a row-at-a-time oracle: random changes (inserts, and for
 * changelog inputs retractions of rows that are there, or sometimes of rows that are not) arrive on
 * both inputs in small batches; after every batch, the operator's output changelog applied so far
 * (never retracting a row it did not emit) must equal the join of the two inputs' current rows,
 * computed from scratch. And a run stopped at random points, snapshotted and restored into a fresh
 * operator, emits exactly what the uninterrupted one does.
 */
class StreamingJoinProperties {
    static final RowSchema LEFT = Schemas.of("k", TypeKind.BIGINT, "v", TypeKind.BIGINT);
    static final RowSchema RIGHT = Schemas.of("rk", TypeKind.BIGINT, "w", TypeKind.BIGINT);
    static final ExprCompiler COMPILER = new ExprCompiler();

    /** One change: on which side, the row's values, whether it retracts (picking a present row by {@code v}). */
    record Action(boolean right, Long k, Long v, boolean retract, boolean update) {}

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> a = Combinators.combine(Arbitraries.of(false, true),
                Arbitraries.longs().between(0, 3).injectNull(0.1), Arbitraries.longs().between(0, 5).injectNull(0.1),
                Arbitraries.integers().between(0, 9), Arbitraries.of(false, true))
                .as((right, k, v, r, u) -> new Action(right, k, v, r < 4, u));
        return a.list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 30).list().ofMinSize(1).ofMaxSize(3);
    }

    static StreamingJoinOperator operator(JoinKind kind, boolean residual, boolean clLeft, boolean clRight) {
        Optional<Expr> condition = residual ? Optional.of(call(Operator.GREATER_THAN, TypeKind.BOOLEAN,
                ref(3, TypeKind.BIGINT), ref(1, TypeKind.BIGINT))) : Optional.empty();
        return new StreamingJoinOperator(kind, List.of(0), List.of(0), condition, LEFT, RIGHT, clLeft, clRight, 0,
                COMPILER);
    }

    /** The rows of the script, and per batch the two sides' rows present after it. */
    static final class Scenario {
        final List<Element> script = new ArrayList<>();
        final List<List<List<Object>>> leftAfter = new ArrayList<>();
        final List<List<List<Object>>> rightAfter = new ArrayList<>();
    }

    static Scenario scenario(List<Action> actions, boolean clLeft, boolean clRight) {
        Scenario s = new Scenario();
        List<List<Object>> left = new ArrayList<>();
        List<List<Object>> right = new ArrayList<>();
        int i = 0;
        while (i < actions.size()) {
            boolean side = actions.get(i).right();
            boolean changelog = side ? clRight : clLeft;
            List<List<Object>> present = side ? right : left;
            List<List<Object>> batch = new ArrayList<>();
            for (; i < actions.size() && actions.get(i).right() == side && batch.size() < 3; i++) {
                Action a = actions.get(i);
                List<Object> row = Arrays.asList(a.k(), a.v());
                if (changelog && a.retract()) {
                    if (!present.isEmpty() && a.v() != null) {
                        row = present.remove((int) (a.v() % present.size()));
                    } else {
                        row = Arrays.asList(a.k(), 99L); // a retraction of a row that is not there
                    }
                    List<Object> r = new ArrayList<>(row);
                    r.add(a.update() ? Changelog.UPDATE_BEFORE : Changelog.DELETE);
                    batch.add(r);
                } else {
                    present.add(row);
                    List<Object> r = new ArrayList<>(row);
                    if (changelog) {
                        r.add(a.update() ? Changelog.UPDATE_AFTER : Changelog.INSERT);
                    }
                    batch.add(r);
                }
            }
            s.script.add(StreamTester.batch(side ? 1 : 0, batch));
            s.leftAfter.add(List.copyOf(left));
            s.rightAfter.add(List.copyOf(right));
        }
        s.script.add(StreamTester.end(0));
        s.script.add(StreamTester.end(1));
        return s;
    }

    /** The join of the rows present, from scratch, as row → count. */
    static Map<List<Object>, Integer> oracle(List<List<Object>> left, List<List<Object>> right, JoinKind kind,
            boolean residual) {
        Map<List<Object>, Integer> out = new HashMap<>();
        boolean[] rightMatched = new boolean[right.size()];
        for (List<Object> l : left) {
            boolean matched = false;
            for (int j = 0; j < right.size(); j++) {
                List<Object> r = right.get(j);
                if (l.get(0) != null && Objects.equals(l.get(0), r.get(0))
                        && (!residual || r.get(1) != null && l.get(1) != null && (Long) r.get(1) > (Long) l.get(1))) {
                    matched = true;
                    rightMatched[j] = true;
                    out.merge(Arrays.asList(l.get(0), l.get(1), r.get(0), r.get(1)), 1, Integer::sum);
                }
            }
            if (!matched && (kind == JoinKind.LEFT || kind == JoinKind.FULL)) {
                out.merge(Arrays.asList(l.get(0), l.get(1), null, null), 1, Integer::sum);
            }
        }
        for (int j = 0; j < right.size(); j++) {
            if (!rightMatched[j] && (kind == JoinKind.RIGHT || kind == JoinKind.FULL)) {
                out.merge(Arrays.asList(null, null, right.get(j).get(0), right.get(j).get(1)), 1, Integer::sum);
            }
        }
        return out;
    }

    @Property(tries = 400)
    void appliedOutputEqualsTheJoinOfTheCurrentRowsAfterEveryBatch(@ForAll("actions") List<Action> actions,
            @ForAll JoinKind kind, @ForAll boolean residual, @ForAll boolean clLeft, @ForAll boolean clRight) {
        if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
            return;
        }
        Scenario s = scenario(actions, clLeft, clRight);
        boolean changelogOut = StreamingJoinOperator.outputIsChangelog(kind, clLeft, clRight);
        RowSchema l = clLeft ? Changelog.withOp(LEFT) : LEFT;
        RowSchema r = clRight ? Changelog.withOp(RIGHT) : RIGHT;
        Map<List<Object>, Integer> applied = new HashMap<>();
        int seen = 0;
        for (int b = 0; b < s.leftAfter.size(); b++) {
            // replays the first b+1 batches: the output of a prefix is a prefix of the output
            Recorded run = StreamTester.run(operator(kind, residual, clLeft, clRight), s.script.subList(0, b + 1), l,
                    r);
            for (List<Object> row : run.rows.subList(seen, run.rows.size())) {
                int op = changelogOut ? (Integer) row.get(4) : Changelog.INSERT;
                List<Object> data = row.subList(0, 4);
                int c = applied.getOrDefault(data, 0) + (Changelog.retracts(op) ? -1 : 1);
                assertThat(c).as("count of %s after %s", data, row).isGreaterThanOrEqualTo(0);
                if (c == 0) {
                    applied.remove(data);
                } else {
                    applied.put(new ArrayList<>(data), c);
                }
            }
            seen = run.rows.size();
            assertThat(applied).as("after batch %d of %s", b, s.script)
                    .isEqualTo(oracle(s.leftAfter.get(b), s.rightAfter.get(b), kind, residual));
        }
    }

    @Property(tries = 200)
    void aRestoredJoinContinuesExactlyAsTheUninterruptedOne(@ForAll("actions") List<Action> actions,
            @ForAll JoinKind kind, @ForAll boolean clLeft, @ForAll boolean clRight, @ForAll("cuts") List<Integer> cuts) {
        if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
            return;
        }
        Scenario s = scenario(actions, clLeft, clRight);
        RowSchema l = clLeft ? Changelog.withOp(LEFT) : LEFT;
        RowSchema r = clRight ? Changelog.withOp(RIGHT) : RIGHT;
        Recorded whole = StreamTester.run(operator(kind, true, clLeft, clRight), s.script, l, r);
        Recorded restored = SnapshotTester.run(() -> operator(kind, true, clLeft, clRight), s.script, cuts, l, r);
        assertThat(restored.events).as("cuts %s of %s", cuts, s.script).isEqualTo(whole.events);
        assertThat(restored.finished).isTrue();
    }
}
