package dev.runnel.exec.operator.rank;

import static dev.runnel.exec.testing.Rows.row;
import static dev.runnel.exec.testing.StreamTester.batch;
import static dev.runnel.exec.testing.StreamTester.end;
import static dev.runnel.exec.testing.StreamTester.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.exec.testing.SnapshotTester;
import dev.runnel.exec.testing.StreamTester;
import dev.runnel.exec.testing.StreamTester.Element;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.SortNode.SortKey;
import dev.runnel.planner.physical.TopNNode;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TopNOperatorTest {
    /** k, v, ts, _watermark */
    private static final RowSchema IN = Schemas.of("k", TypeKind.VARCHAR, "v", TypeKind.BIGINT, "ts",
            TypeKind.TIMESTAMP, "_watermark", TypeKind.TIMESTAMP);
    private static final int INSERT = Changelog.INSERT;
    private static final int BEFORE = Changelog.UPDATE_BEFORE;
    private static final int AFTER = Changelog.UPDATE_AFTER;

    private static TopNNode node(List<SortKey> order, long start, long end, TopNNode.Kind kind, boolean keepFirst) {
        List<Column> out = new ArrayList<>(IN.columns());
        out.add(new Column("rn", DataType.of(TypeKind.BIGINT).notNull()));
        return new TopNNode(new ValuesNode(List.of(), IN), List.of(0), order, start, end, kind, keepFirst,
                keepFirst ? 3 : -1, new RowSchema(out));
    }

    private static TopNNode topN(long start, long end) {
        return node(List.of(new SortKey(1, true, true)), start, end, TopNNode.Kind.TOP_N, false);
    }

    private static List<Object> in(String k, long v, long ts) {
        return row(k, v, ts, null);
    }

    @Test
    void aRowEnteringTheTopTakesItsRankAndMovesTheRowsBelowDownOneRankAsUpdates() {
        List<Element> script = List.of(batch(List.of(in("a", 5, 1), in("b", 1, 3))),
                batch(List.of(in("a", 7, 2))), batch(List.of(in("a", 6, 4))),
                batch(List.of(in("a", 9, 5), in("a", 2, 6))), end());
        Recorded out = StreamTester.run(new TopNOperator(topN(1, 2), true), script, IN);
        assertThat(out.rows).containsExactly(
                row("a", 5L, 1L, null, 1L, INSERT), row("b", 1L, 3L, null, 1L, INSERT),
                row("a", 5L, 1L, null, 1L, BEFORE), row("a", 7L, 2L, null, 1L, AFTER), row("a", 5L, 1L, null, 2L, INSERT),
                row("a", 5L, 1L, null, 2L, BEFORE), row("a", 6L, 4L, null, 2L, AFTER),
                row("a", 7L, 2L, null, 1L, BEFORE), row("a", 9L, 5L, null, 1L, AFTER),
                row("a", 6L, 4L, null, 2L, BEFORE), row("a", 7L, 2L, null, 2L, AFTER));
        assertThat(out.finished).isTrue();
    }

    @Test
    void withinOneBatchOnlyEachRanksNetChangeIsEmitted() {
        List<Element> script = List.of(batch(List.of(in("a", 5, 1), in("a", 7, 2), in("b", 1, 3), in("a", 6, 4))),
                batch(List.of(in("a", 9, 5), in("a", 2, 6), in("b", 0, 7))),
                batch(List.of(in("a", 1, 8), in("b", -1, 9))), // nothing ranks: nothing is emitted
                batch(List.of(in("a", 8, 10))), end());
        Recorded out = StreamTester.run(new TopNOperator(topN(2, 2), true), script, IN);
        assertThat(out.rows).containsExactly(
                row("a", 6L, 4L, null, 2L, INSERT), // a's rank 2 held 5, then 6: only 6 is emitted
                row("a", 6L, 4L, null, 2L, BEFORE), row("a", 7L, 2L, null, 2L, AFTER),
                row("b", 0L, 7L, null, 2L, INSERT),
                row("a", 7L, 2L, null, 2L, BEFORE), row("a", 8L, 10L, null, 2L, AFTER));
    }

    @Test
    void aBoundedRunEmitsTheFinalRanksOnceWithTiesByArrival() {
        List<Element> script = List.of(batch(List.of(in("a", 5, 1), in("a", 7, 2), in("b", 1, 3), in("a", 7, 4))),
                batch(List.of(in("a", 5, 5), in("a", 2, 6))), end());
        Recorded out = StreamTester.run(new TopNOperator(topN(2, 3), false), script, IN);
        assertThat(out.rows).containsExactly(row("a", 7L, 4L, null, 2L), row("a", 5L, 1L, null, 3L));
    }

    @Test
    void keepingTheFirstRowByEventTimeHoldsItUntilTheWatermarkAndDropsLateRows() {
        TopNNode first = node(List.of(new SortKey(2, false, false)), 1, 1, TopNNode.Kind.DEDUPLICATE, true);
        List<Element> script = List.of(
                batch(List.of(row("a", 1L, 10L, 0L), row("a", 2L, 8L, 5L), row("b", 3L, 4L, 6L))), // b is late
                watermark(8),
                batch(List.of(row("a", 4L, 1L, 8L), row("b", 5L, 9L, 8L), row("b", 6L, 9L, 8L))),
                watermark(9), end());
        Recorded out = StreamTester.run(new TopNOperator(first, true), script, IN);
        assertThat(out.events).containsExactly(row("a", 2L, 8L, 5L, 1L), "wm 8", row("b", 5L, 9L, 8L, 1L), "wm 9");
        assertThat(out.metrics.lateRowsDropped()).isEqualTo(2);
    }

    /** Random rows, batches and cuts: the changelog applied equals the bounded result and a brute-force Top-N. */
    @Test
    void theChangelogAppliedIsTheBoundedResultAndSurvivesSnapshotsAnywhere() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 30; round++) {
            int n = 1 + random.nextInt(300);
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add(in("k" + random.nextInt(1 + random.nextInt(12)), random.nextInt(20), i));
            }
            List<Element> script = new ArrayList<>();
            for (int i = 0; i < n; ) {
                int size = 1 + random.nextInt(40);
                script.add(batch(rows.subList(i, Math.min(n, i + size))));
                i += size;
            }
            script.add(end());
            long start = 1 + random.nextInt(3);
            long endRank = random.nextInt(6);
            TopNNode node = topN(start, endRank);
            List<List<Object>> expected = bruteForce(rows, start, endRank);
            Recorded bounded = StreamTester.run(new TopNOperator(node, false), script, IN);
            assertThat(sorted(bounded.rows)).as("round %d bounded", round).isEqualTo(expected);
            Recorded whole = StreamTester.run(new TopNOperator(node, true), script, IN);
            assertThat(applied(whole.rows)).as("round %d continuous", round).isEqualTo(expected);
            assertThat(whole.rows.size()).as("round %d: at most a retraction and a row per rank per batch", round)
                    .isLessThanOrEqualTo(2 * (script.size() - 1) * 12 * (int) Math.max(endRank, 0));
            List<Integer> cuts = List.of(random.nextInt(script.size() + 1), random.nextInt(script.size() + 1));
            Recorded restored = SnapshotTester.run(() -> new TopNOperator(node, true), script, cuts, IN);
            assertThat(restored.events).as("round %d cuts %s", round, cuts).isEqualTo(whole.events);
            Recorded boundedRestored = SnapshotTester.run(() -> new TopNOperator(node, false), script, cuts, IN);
            assertThat(boundedRestored.events).isEqualTo(bounded.events);
        }
    }

    private static List<List<Object>> bruteForce(List<List<Object>> rows, long start, long end) {
        Map<Object, List<List<Object>>> byKey = new HashMap<>();
        for (List<Object> r : rows) {
            byKey.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r);
        }
        List<List<Object>> out = new ArrayList<>();
        for (List<List<Object>> part : byKey.values()) {
            List<List<Object>> ordered = new ArrayList<>(part);
            ordered.sort(Comparator.comparing((List<Object> r) -> -(Long) r.get(1))); // stable: ties by arrival
            for (int i = (int) start - 1; i < Math.min(end, ordered.size()); i++) {
                List<Object> r = new ArrayList<>(ordered.get(i));
                r.add((long) i + 1);
                out.add(r);
            }
        }
        return sorted(out);
    }

    private static List<List<Object>> applied(List<List<Object>> changelog) {
        List<List<Object>> live = new ArrayList<>();
        for (List<Object> r : changelog) {
            List<Object> values = new ArrayList<>(r.subList(0, r.size() - 1));
            if (Changelog.retracts((Integer) r.get(r.size() - 1))) {
                assertThat(live.remove(values)).as("retracts a row it emitted: %s", values).isTrue();
            } else {
                live.add(values);
            }
        }
        return sorted(live);
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> s = new ArrayList<>(rows);
        s.sort(Comparator.comparing(Object::toString));
        return s;
    }
}
