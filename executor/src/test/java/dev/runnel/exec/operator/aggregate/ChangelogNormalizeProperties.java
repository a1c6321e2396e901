package dev.runnel.exec.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.exec.testing.SnapshotTester;
import dev.runnel.exec.testing.StreamTester;
import dev.runnel.exec.testing.StreamTester.Element;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.planner.physical.RowSchema;
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
 * {@link ChangelogNormalizeOperator} against a row-at-a-time oracle (a map of the current row per
 * key), and stopped at random points, snapshotted and restored into a fresh operator, against the
 * uninterrupted run.
 */
class ChangelogNormalizeProperties {
    /** Output columns s, v; the key k after them (not in the output); then the change kind. */
    static final RowSchema IN = Schemas.of("s", TypeKind.VARCHAR, "v", TypeKind.BIGINT, "k", TypeKind.BIGINT);
    static final RowSchema IN_OP = Changelog.withOp(IN);
    static final int[] KEY = {2};

    @Provide
    Arbitrary<List<List<List<Object>>>> batches() {
        Arbitrary<List<Object>> row = Combinators.combine(Arbitraries.of("a", "b", "").injectNull(0.1),
                Arbitraries.longs().between(0, 2).injectNull(0.1), Arbitraries.longs().between(0, 5),
                Arbitraries.of(Changelog.INSERT, Changelog.INSERT, Changelog.UPDATE_AFTER, Changelog.DELETE,
                        Changelog.UPDATE_BEFORE))
                .as((s, v, k, op) -> Arrays.<Object>asList(s, v, k, op));
        return row.list().ofMaxSize(12).list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 30).list().ofMinSize(1).ofMaxSize(3);
    }

    static ChangelogNormalizeOperator operator() {
        return new ChangelogNormalizeOperator(IN, KEY, 2);
    }

    static List<Element> script(List<List<List<Object>>> batches) {
        List<Element> script = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            script.add(StreamTester.batch(batches.get(b)));
            if (b % 3 == 1) {
                script.add(StreamTester.watermark(100L * b));
            }
        }
        script.add(StreamTester.end());
        return script;
    }

    /** Row at a time: the changelog a map of current rows per key implies. */
    static List<List<Object>> oracle(List<List<List<Object>>> batches) {
        Map<Object, List<Object>> current = new HashMap<>();
        List<List<Object>> out = new ArrayList<>();
        for (List<List<Object>> batch : batches) {
            for (List<Object> row : batch) {
                List<Object> value = Arrays.asList(row.get(0), row.get(1));
                List<Object> before = current.get(row.get(2));
                if (Changelog.retracts((Integer) row.get(3))) {
                    if (before != null) {
                        out.add(with(before, Changelog.DELETE));
                        current.remove(row.get(2));
                    }
                } else if (before == null) {
                    out.add(with(value, Changelog.INSERT));
                    current.put(row.get(2), value);
                } else if (!before.equals(value)) {
                    out.add(with(before, Changelog.UPDATE_BEFORE));
                    out.add(with(value, Changelog.UPDATE_AFTER));
                    current.put(row.get(2), value);
                }
            }
        }
        return out;
    }

    static List<Object> with(List<Object> row, int op) {
        List<Object> r = new ArrayList<>(row);
        r.add(op);
        return r;
    }

    @Property(tries = 300)
    void emitsWhatTheCurrentRowPerKeyImplies(@ForAll("batches") List<List<List<Object>>> batches) {
        Recorded run = StreamTester.run(operator(), script(batches), IN_OP);
        assertThat(run.rows).isEqualTo(oracle(batches));
        assertThat(run.finished).isTrue();
        assertThat(run.watermarks).hasSize((batches.size() + 1) / 3);
    }

    @Property(tries = 200)
    void aRestoredOperatorContinuesExactlyAsTheUninterruptedOne(@ForAll("batches") List<List<List<Object>>> batches,
            @ForAll("cuts") List<Integer> cuts) {
        List<Element> script = script(batches);
        Recorded whole = StreamTester.run(operator(), script, IN_OP);
        Recorded restored = SnapshotTester.run(ChangelogNormalizeProperties::operator, script, cuts, IN_OP);
        assertThat(restored.events).as("cuts %s of %s", cuts, script).isEqualTo(whole.events);
        assertThat(restored.finished).isEqualTo(whole.finished);
    }

    @Example
    void manyUpdatesOfFewKeysCompactTheRowsAndStayRight() {
        List<List<List<Object>>> batches = new ArrayList<>();
        for (int b = 0; b < 30; b++) {
            List<List<Object>> batch = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                long n = b * 1000L + i;
                batch.add(Arrays.asList("x", n, n % 10, n % 97 == 0 ? Changelog.DELETE : Changelog.INSERT));
            }
            batches.add(batch);
        }
        Recorded run = StreamTester.run(operator(), script(batches), IN_OP);
        assertThat(run.rows).isEqualTo(oracle(batches));
        // 10 keys: state stays small however many versions went through
        assertThat(run.metrics.stateBytes()).isLessThan(1_000_000);
        List<Integer> cuts = List.of(7, 19);
        Recorded restored = SnapshotTester.run(ChangelogNormalizeProperties::operator, script(batches), cuts, IN_OP);
        assertThat(restored.rows).isEqualTo(run.rows);
    }
}
