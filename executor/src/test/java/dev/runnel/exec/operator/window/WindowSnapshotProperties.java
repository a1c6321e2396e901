package dev.runnel.exec.operator.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.operator.OperatorMetrics;
import dev.runnel.exec.testing.Rows;
import dev.runnel.exec.testing.SnapshotTester;
import dev.runnel.exec.testing.StreamTester;
import dev.runnel.exec.testing.StreamTester.Element;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.planner.physical.WindowAggregateNode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A window aggregate stopped at random points of a random disordered stream (every window kind and
 * late policy, late rows included), its state snapshotted and restored into a fresh operator, emits
 * exactly what an uninterrupted one does: the same rows in the same order, the same watermarks, the
 * same routed late rows and the same counts of late rows, rows without time and windows fired. The
 * same for window Top-N.
 */
class WindowSnapshotProperties {

    @Provide
    Arbitrary<WindowProperties.Case> cases() {
        return new WindowProperties().cases();
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 120).list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 400)
    void aRestoredWindowAggregateContinuesExactlyAsAnUninterruptedOne(@ForAll("cases") WindowProperties.Case c,
            @ForAll("cuts") List<Integer> cuts) {
        int[] batching = c.batches().stream().mapToInt(Integer::intValue).toArray();
        check(c, batching, cuts);
    }

    /** Many keys and rows: session state that compacts (rows and keys) is restored mid-way, results unchanged. */
    @Example
    void largeSessionAndHopStateRestoresMidway() {
        List<WindowTesting.Event> events = new ArrayList<>();
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 20_000; i++) {
            events.add(new WindowTesting.Event("k" + random.nextInt(2000), (long) (i / 3 + random.nextInt(20)),
                    (long) random.nextInt(6)));
        }
        for (dev.runnel.planner.physical.LatePolicy late : List.of(dev.runnel.planner.physical.LatePolicy.DROP,
                new dev.runnel.planner.physical.LatePolicy(dev.runnel.planner.physical.LatePolicy.Kind.UPDATE, 30, null))) {
            check(new WindowProperties.Case(events, 5,
                    dev.runnel.planner.physical.WindowSpec.session(WindowTesting.TS, 40, List.of()), late, List.of(997)),
                    new int[] {997}, List.of(7, 20, 33));
        }
        check(new WindowProperties.Case(events, 5, dev.runnel.planner.physical.WindowSpec.hop(WindowTesting.TS, 50, 200),
                dev.runnel.planner.physical.LatePolicy.DROP, List.of(4096)), new int[] {1000}, List.of(5, 18));
    }

    /** Window Top-N (and deduplication) over the same streams, TUMBLE, HOP and CUMULATE: restored anywhere, the same rows. */
    @Property(tries = 300)
    void aRestoredWindowTopNContinuesExactlyAsAnUninterruptedOne(@ForAll("cases") WindowProperties.Case c,
            @ForAll("cuts") List<Integer> cuts, @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 3) int rankStart,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 80) int rankEnd, @ForAll boolean dedup) {
        if (c.window().kind() == dev.runnel.planner.physical.WindowSpec.Kind.SESSION
                || c.late().kind() == dev.runnel.planner.physical.LatePolicy.Kind.UPDATE) {
            return; // a Top-N assigns aligned windows, and has no updating late policy
        }
        List<dev.runnel.planner.catalog.Column> out = new ArrayList<>(WindowTesting.IN.columns());
        dev.runnel.sql.type.DataType ts = dev.runnel.sql.type.DataType.of(dev.runnel.sql.type.TypeKind.TIMESTAMP).notNull();
        out.add(new dev.runnel.planner.catalog.Column("window_start", ts));
        out.add(new dev.runnel.planner.catalog.Column("window_end", ts));
        out.add(new dev.runnel.planner.catalog.Column("rn",
                dev.runnel.sql.type.DataType.of(dev.runnel.sql.type.TypeKind.BIGINT).notNull()));
        dev.runnel.planner.physical.WindowTopNNode node = new dev.runnel.planner.physical.WindowTopNNode(
                new dev.runnel.planner.physical.ValuesNode(List.of(), WindowTesting.IN),
                new dev.runnel.planner.physical.WindowTopNNode.Assigned(c.window(), WindowTesting.WM, c.late()),
                List.of(WindowTesting.K), List.of(new dev.runnel.planner.physical.SortNode.SortKey(
                        dedup ? WindowTesting.TS : WindowTesting.V, true, true)),
                dedup ? 1 : rankStart, dedup ? 1 : rankEnd, dedup ? dev.runnel.planner.physical.WindowTopNNode.Kind.DEDUPLICATE
                        : dev.runnel.planner.physical.WindowTopNNode.Kind.TOP_N,
                new dev.runnel.planner.physical.RowSchema(out));
        int[] batching = c.batches().stream().mapToInt(Integer::intValue).toArray();
        List<Element> script = WindowTesting.script(c.events(), c.delay(), batching);
        List<List<Object>> routedWhole = new ArrayList<>();
        Recorded whole = StreamTester.run(new WindowTopNOperator(node, collecting(routedWhole)), script, WindowTesting.IN);
        List<List<Object>> routed = new ArrayList<>();
        Recorded restored = SnapshotTester.run(() -> new WindowTopNOperator(node, collecting(routed)), script, cuts,
                WindowTesting.IN);
        assertThat(restored.events).as("cuts %s", cuts).isEqualTo(whole.events);
        assertThat(routed).isEqualTo(routedWhole);
        assertThat(List.of(restored.metrics.lateRowsDropped(), restored.metrics.rowsWithoutTime(),
                restored.metrics.windowsFired())).isEqualTo(List.of(whole.metrics.lateRowsDropped(),
                whole.metrics.rowsWithoutTime(), whole.metrics.windowsFired()));
    }

    private static void check(WindowProperties.Case c, int[] batching, List<Integer> cuts) {
        WindowAggregateNode node = WindowTesting.node(c.window(), c.late(), WindowTesting.allCalls());
        List<Element> script = WindowTesting.script(c.events(), c.delay(), batching);
        List<List<Object>> routedWhole = new ArrayList<>();
        Recorded whole = StreamTester.run(new WindowAggregateOperator(node, collecting(routedWhole)), script,
                WindowTesting.IN);
        List<List<Object>> routed = new ArrayList<>();
        Recorded restored = SnapshotTester.run(() -> new WindowAggregateOperator(node, collecting(routed)), script, cuts,
                WindowTesting.IN);
        String how = "cuts " + cuts + " of " + script.size();
        assertThat(restored.events).as(how).isEqualTo(whole.events);
        assertThat(restored.finished).isTrue();
        assertThat(routed).as(how).isEqualTo(routedWhole);
        OperatorMetrics a = whole.metrics;
        OperatorMetrics b = restored.metrics;
        assertThat(List.of(b.lateRowsDropped(), b.lateRowsRouted(), b.lateRowsUpdating(), b.rowsWithoutTime(),
                b.windowsFired())).as(how).isEqualTo(List.of(a.lateRowsDropped(), a.lateRowsRouted(),
                a.lateRowsUpdating(), a.rowsWithoutTime(), a.windowsFired()));
    }

    private static LateRowSinks collecting(List<List<Object>> routed) {
        return (target, rows, ctx) -> new LateRowSinks.LateRowSink() {
            @Override
            public void write(VectorSchemaRoot batch, int[] selected, int n) {
                List<List<Object>> all = Rows.fromRoot(batch);
                for (int i = 0; i < n; i++) {
                    routed.add(all.get(selected[i]));
                }
            }

            @Override
            public void close() {}
        };
    }
}
