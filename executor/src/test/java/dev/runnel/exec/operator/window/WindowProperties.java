package dev.runnel.exec.operator.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.operator.window.WindowTesting.Event;
import dev.runnel.exec.testing.Rows;
import dev.runnel.exec.testing.StreamTester;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.WindowSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The window operator against {@link WindowOracle} on random disordered input with late rows, for
 * every window kind and late policy, three ways: one row per batch (a watermark after each), random
 * batches, and one batch closed by the final watermark. Drop and route must give exactly the
 * oracle's rows and late rows; update must end in the oracle's state, every retraction matching
 * what was emitted before.
 */
class WindowProperties {

    record Case(List<Event> events, long delay, WindowSpec window, LatePolicy late, List<Integer> batches) {
        @Override
        public String toString() {
            return window + " " + late + " delay " + delay + " batches " + batches + " events " + events;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Event> event = Combinators.combine(Arbitraries.of("a", "b", "c"),
                Arbitraries.integers().between(-40, 8), Arbitraries.integers().between(0, 19),
                Arbitraries.longs().between(0, 5).injectNull(0.1))
                .as((k, jitter, nullTime, v) -> new Event(k, nullTime == 0 ? null : (long) jitter, v));
        Arbitrary<List<Event>> events = event.list().ofMaxSize(160).map(list -> {
            List<Event> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) { // time mostly moves forward, with disorder
                Event e = list.get(i);
                out.add(new Event(e.k(), e.ts() == null ? null : Math.max(0, i * 2 + e.ts()), e.v()));
            }
            return out;
        });
        Arbitrary<WindowSpec> windows = Arbitraries.oneOf(
                Arbitraries.of(5L, 10L, 30L).map(s -> WindowSpec.tumble(WindowTesting.TS, s)),
                Combinators.combine(Arbitraries.of(5L, 10L), Arbitraries.integers().between(1, 3))
                        .as((slide, k) -> WindowSpec.hop(WindowTesting.TS, slide, slide * k)),
                Combinators.combine(Arbitraries.of(5L, 10L), Arbitraries.integers().between(1, 3))
                        .as((step, k) -> WindowSpec.cumulate(WindowTesting.TS, step, step * k)),
                Arbitraries.of(3L, 7L, 15L).map(g -> WindowSpec.session(WindowTesting.TS, g, List.of())));
        Arbitrary<LatePolicy> late = Arbitraries.oneOf(Arbitraries.just(LatePolicy.DROP),
                Arbitraries.just(new LatePolicy(LatePolicy.Kind.ROUTE, 0, "late")),
                Arbitraries.of(0L, 5L, 25L).map(l -> new LatePolicy(LatePolicy.Kind.UPDATE, l, null)));
        return Combinators.combine(events, Arbitraries.longs().between(0, 20), windows, late,
                Arbitraries.integers().between(1, 25).list().ofMinSize(1).ofMaxSize(4)).as(Case::new);
    }

    @Property(tries = 400)
    void theOperatorAgreesWithTheOracleWhateverTheBatching(@ForAll("cases") Case c) {
        WindowOracle oracle = WindowOracle.run(c.window(), c.late(), c.delay(), c.events());
        int[] random = c.batches().stream().mapToInt(Integer::intValue).toArray();
        for (int[] batching : new int[][] {{1}, random, {}}) {
            check(c, oracle, batching);
        }
    }

    private static void check(Case c, WindowOracle oracle, int[] batching) {
        boolean updating = c.late().kind() == LatePolicy.Kind.UPDATE;
        WindowAggregateNode node = WindowTesting.node(c.window(), c.late(), WindowTesting.allCalls());
        List<List<Object>> routed = new ArrayList<>();
        Recorded out = StreamTester.run(new WindowAggregateOperator(node, collecting(routed)),
                WindowTesting.script(c.events(), c.delay(), batching), WindowTesting.IN);
        String how = "batches " + java.util.Arrays.toString(batching);
        assertThat(out.metrics.rowsWithoutTime()).as(how).isEqualTo(oracle.withoutTime);
        if (!updating) {
            assertThat(out.rows).as(how).containsExactlyInAnyOrderElementsOf(oracle.fired);
            List<List<Object>> lateRows = WindowTesting.rows(c.events(), c.delay()).stream()
                    .filter(r -> r.get(WindowTesting.TS) != null).toList();
            if (c.late().kind() == LatePolicy.Kind.ROUTE) {
                assertThat(routed.stream().map(r -> new Event((String) r.get(0), (Long) r.get(1), (Long) r.get(2)))
                        .toList()).as(how).containsExactlyElementsOf(oracle.late);
                assertThat(lateRows).isNotNull();
            } else {
                assertThat(out.metrics.lateRowsDropped()).as(how).isEqualTo(oracle.late.size());
            }
            return;
        }
        assertThat(out.metrics.lateRowsDropped()).as(how).isEqualTo(oracle.late.size());
        Map<List<Object>, List<Object>> state = new LinkedHashMap<>();
        for (List<Object> r : out.rows) {
            List<Object> id = r.subList(0, 3);
            List<Object> values = new ArrayList<>(r.subList(0, r.size() - 1));
            if (Changelog.retracts((Integer) r.get(r.size() - 1))) {
                assertThat(state.remove(List.copyOf(id))).as(how + ": retracted " + r).isEqualTo(values);
            } else {
                state.put(List.copyOf(id), values);
            }
        }
        assertThat(state).as(how).isEqualTo(oracle.upserts);
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

    /** Many keys and rows: session state is compacted (rows and keys) along the way, results unchanged. */
    @Example
    void largeSessionInputsCompactStateAndStillAgree() {
        List<Event> events = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 30_000; i++) {
            events.add(new Event("k" + random.nextInt(3000), (long) (i / 3 + random.nextInt(20)), (long) random.nextInt(6)));
        }
        for (LatePolicy late : List.of(LatePolicy.DROP, new LatePolicy(LatePolicy.Kind.UPDATE, 30, null))) {
            Case c = new Case(events, 5, WindowSpec.session(WindowTesting.TS, 40, List.of()), late, List.of(1000));
            check(c, WindowOracle.run(c.window(), c.late(), c.delay(), c.events()), new int[] {997});
        }
        Case tumble = new Case(events, 5, WindowSpec.hop(WindowTesting.TS, 50, 200), LatePolicy.DROP, List.of(1000));
        check(tumble, WindowOracle.run(tumble.window(), tumble.late(), tumble.delay(), tumble.events()), new int[] {4096});
        assertThat(new HashMap<>()).isEmpty();
    }
}
