package dev.runnel.exec.operator.window;

import static dev.runnel.exec.operator.window.WindowTesting.count;
import static dev.runnel.exec.operator.window.WindowTesting.ev;
import static dev.runnel.exec.operator.window.WindowTesting.max;
import static dev.runnel.exec.operator.window.WindowTesting.node;
import static dev.runnel.exec.operator.window.WindowTesting.script;
import static dev.runnel.exec.operator.window.WindowTesting.sum;
import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.window.WindowTesting.Event;
import dev.runnel.exec.testing.Rows;
import dev.runnel.exec.testing.StreamTester;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.WindowSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** Each window kind on small inputs with disorder and late rows; expected rows computed by hand. */
class WindowAggregateOperatorTest {
    private static final long MAX = Long.MAX_VALUE;
    // under late = 'update' the output is a changelog: a last column with each row's change kind
    private static final int I = Changelog.INSERT;
    private static final int UB = Changelog.UPDATE_BEFORE;
    private static final int UA = Changelog.UPDATE_AFTER;
    private static final int D = Changelog.DELETE;

    private static Recorded run(WindowAggregateNode node, List<Event> events, long delay, int... batches) {
        return StreamTester.run(new WindowAggregateOperator(node, LateRowSinks.NONE), script(events, delay, batches),
                WindowTesting.IN);
    }

    // rows (k, ts, v); delay 0: _watermark = largest ts before the row
    private static final List<Event> TUMBLE_INPUT = List.of(ev("a", 1L, 1L), ev("b", 3L, 2L), ev("a", 12L, 3L),
            ev("a", 5L, 4L) /* _watermark 12: late for [0, 10) */, ev("b", 11L, 5L), ev("a", 25L, 6L));

    @Test
    void tumbleEmitsEachWindowOnceWhenTheWatermarkReachesItsEndAndDropsLateRows() {
        WindowAggregateNode n = node(WindowSpec.tumble(WindowTesting.TS, 10), LatePolicy.DROP,
                List.of(count(), sum(), max()));
        Recorded perRow = run(n, TUMBLE_INPUT, 0, 1);
        assertThat(perRow.events).containsExactly(
                "wm 1", "wm 3",
                row("a", 0L, 10L, 1L, 1L, 1L), row("b", 0L, 10L, 1L, 2L, 2L), "wm 12",
                row("a", 10L, 20L, 1L, 3L, 3L), row("b", 10L, 20L, 1L, 5L, 5L), "wm 25",
                row("a", 20L, 30L, 1L, 6L, 6L), "wm " + MAX);
        assertThat(perRow.metrics.lateRowsDropped()).isEqualTo(1);
        assertThat(perRow.metrics.windowsFired()).isEqualTo(3);
        assertThat(perRow.finished).isTrue();
        // one batch: the same rows, all at the end
        Recorded whole = run(n, TUMBLE_INPUT, 0);
        assertThat(whole.rows).containsExactlyElementsOf(perRow.rows);
        assertThat(whole.metrics.lateRowsDropped()).isEqualTo(1);
    }

    @Test
    void aRowBehindTheWatermarkStillCountsWhileItsWindowIsOpen() {
        // delay 5: (a, 12) makes the watermark 7; (a, 8) is behind it but [0, 10) is still open
        Recorded out = run(node(WindowSpec.tumble(WindowTesting.TS, 10), LatePolicy.DROP, List.of(count())),
                List.of(ev("a", 1L, 1L), ev("a", 12L, 1L), ev("a", 8L, 1L), ev("a", 16L, 1L), ev("a", 9L, 1L)), 5, 1);
        // (a, 16) moves it to 11: [0, 10) fires with 2 rows; (a, 9) then is late
        assertThat(out.rows).containsExactly(row("a", 0L, 10L, 2L), row("a", 10L, 20L, 2L));
        assertThat(out.metrics.lateRowsDropped()).isEqualTo(1);
    }

    @Test
    void aWindowFiresWhenTheWatermarkReachesItsLastMillisecondAsInFlink() {
        // Flink 2.3 (the oracle, per-record watermarks, WATERMARK ... - INTERVAL '4' SECOND): after a row
        // at 13.999 s the watermark is 9.999 s, the last millisecond of [0 s, 10 s), so that window has
        // fired and a row at 9.999 s is dropped; after 13.998 s it still counts
        WindowAggregateNode n = node(WindowSpec.tumble(WindowTesting.TS, 10_000), LatePolicy.DROP,
                List.of(count(), sum()));
        Recorded late = run(n, List.of(ev("a", 1_000L, 10L), ev("a", 13_999L, 20L), ev("a", 9_999L, 30L),
                ev("a", 30_000L, 40L)), 4_000, 1);
        assertThat(late.rows).containsExactly(row("a", 0L, 10_000L, 1L, 10L), row("a", 10_000L, 20_000L, 1L, 20L),
                row("a", 30_000L, 40_000L, 1L, 40L));
        assertThat(late.metrics.lateRowsDropped()).isEqualTo(1);
        Recorded onTime = run(n, List.of(ev("a", 1_000L, 10L), ev("a", 13_998L, 20L), ev("a", 9_999L, 30L),
                ev("a", 30_000L, 40L)), 4_000, 1);
        assertThat(onTime.rows).containsExactly(row("a", 0L, 10_000L, 2L, 40L), row("a", 10_000L, 20_000L, 1L, 20L),
                row("a", 30_000L, 40_000L, 1L, 40L));
        assertThat(onTime.metrics.lateRowsDropped()).isZero();
    }

    @Test
    void hopPutsARowInEveryWindowThatHoldsItAndALateRowStillCountsInItsOpenWindows() {
        WindowAggregateNode n = node(WindowSpec.hop(WindowTesting.TS, 5, 10), LatePolicy.DROP, List.of(count(), sum()));
        Recorded out = run(n, List.of(ev("a", 1L, 1L), ev("a", 7L, 2L), ev("a", 12L, 4L),
                ev("a", 4L, 8L) /* late for [-5, 5) and [0, 10): dropped */,
                ev("a", 9L, 16L) /* late for [0, 10), counts in [5, 15) */), 0, 1);
        assertThat(out.rows).containsExactly(row("a", -5L, 5L, 1L, 1L), row("a", 0L, 10L, 2L, 3L),
                row("a", 5L, 15L, 3L, 22L), row("a", 10L, 20L, 1L, 4L));
        assertThat(out.metrics.lateRowsDropped()).isEqualTo(1);
    }

    @Test
    void cumulateGrowsWindowsFromTheStartOfEachSizeWindow() {
        WindowAggregateNode n = node(WindowSpec.cumulate(WindowTesting.TS, 5, 15), LatePolicy.DROP,
                List.of(count(), max()));
        Recorded out = run(n, List.of(ev("a", 1L, 1L), ev("b", 7L, 2L), ev("a", 13L, 3L), ev("a", 16L, 4L),
                ev("a", 3L, 5L) /* _watermark 16: every window holding 3 ended by 15 */), 0, 2);
        assertThat(out.rows).containsExactly(
                row("a", 0L, 5L, 1L, 1L),
                row("a", 0L, 10L, 1L, 1L), row("b", 0L, 10L, 1L, 2L),
                row("a", 0L, 15L, 2L, 3L), row("b", 0L, 15L, 1L, 2L),
                row("a", 15L, 20L, 1L, 4L), row("a", 15L, 25L, 1L, 4L), row("a", 15L, 30L, 1L, 4L));
        assertThat(out.metrics.lateRowsDropped()).isEqualTo(1);
    }

    private static final List<Event> SESSION_INPUT = List.of(ev("a", 1L, 1L), ev("b", 2L, 2L), ev("a", 4L, 4L),
            ev("a", 12L, 8L),
            ev("a", 8L, 16L) /* _watermark 12: [1, 9) has closed for it; merges with [12, 17) into [8, 17) */,
            ev("a", 2L, 32L) /* [2, 7): nothing open takes it, and it is behind 12: late */);

    @Test
    void sessionsMergeRowsCloserThanTheGapAndALateRowFirstMergesWithOpenSessions() {
        WindowAggregateNode n = node(WindowSpec.session(WindowTesting.TS, 5, List.of()), LatePolicy.DROP,
                List.of(count(), sum()));
        List<List<Object>> expected = List.of(row("b", 2L, 7L, 1L, 2L), row("a", 1L, 9L, 2L, 5L),
                row("a", 8L, 17L, 2L, 24L));
        for (int batch : new int[] {1, 2, 3, 100}) {
            Recorded out = run(n, SESSION_INPUT, 0, batch);
            assertThat(out.rows).as("batches of %d", batch).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(out.metrics.lateRowsDropped()).isEqualTo(1);
        }
        // per row, sessions come out in order of end as the watermark passes them
        assertThat(run(n, SESSION_INPUT, 0, 1).rows).containsExactlyElementsOf(expected);
    }

    @Test
    void sessionsTouchingAtTheGapMergeAndSessionsArePerKey() {
        WindowAggregateNode n = node(WindowSpec.session(WindowTesting.TS, 5, List.of()), LatePolicy.DROP,
                List.of(count()));
        // [0, 5) and [5, 10) touch: one session; (c, 3) bridges [0, 5) and [7, 12); (d, 6) touches [11, 16) only
        Recorded out = run(n, List.of(ev("a", 0L, 1L), ev("a", 5L, 1L), ev("b", 7L, 1L), ev("c", 0L, 1L),
                ev("c", 7L, 1L), ev("c", 3L, 1L), ev("d", 0L, 1L), ev("d", 11L, 1L), ev("d", 6L, 1L)), 100);
        assertThat(out.rows).containsExactlyInAnyOrder(row("a", 0L, 10L, 2L), row("b", 7L, 12L, 1L),
                row("c", 0L, 12L, 3L), row("d", 0L, 5L, 1L), row("d", 6L, 16L, 2L));
    }

    @Test
    void updateRetractsAndReemitsAFiredWindowWithinTheAllowedLatenessThenDrops() {
        WindowAggregateNode n = node(WindowSpec.tumble(WindowTesting.TS, 10), new LatePolicy(LatePolicy.Kind.UPDATE, 10,
                null), List.of(count(), sum()));
        Recorded out = run(n, List.of(ev("a", 1L, 1L), ev("a", 12L, 2L), ev("a", 5L, 4L), ev("b", 6L, 8L),
                ev("a", 25L, 16L), ev("a", 7L, 32L)), 0, 1);
        assertThat(out.events).containsExactly("wm 1",
                row("a", 0L, 10L, 1L, 1L, I), "wm 12",
                row("a", 0L, 10L, 1L, 1L, UB), row("a", 0L, 10L, 2L, 5L, UA), // (a, 5) is late but allowed
                row("b", 0L, 10L, 1L, 8L, I), // a new group of a fired window
                row("a", 10L, 20L, 1L, 2L, I), "wm 25", // [0, 10) expires at 20
                row("a", 20L, 30L, 1L, 16L, I), "wm " + MAX);
        assertThat(out.metrics.lateRowsUpdating()).isEqualTo(2);
        assertThat(out.metrics.lateRowsDropped()).isEqualTo(1); // (a, 7) came after [0, 10) expired
    }

    @Test
    void updateMergingALateRowIntoFiredSessionsRetractsThem() {
        WindowAggregateNode n = node(WindowSpec.session(WindowTesting.TS, 5, List.of()),
                new LatePolicy(LatePolicy.Kind.UPDATE, 100, null), List.of(count()));
        // sessions [0, 5) and [10, 15) fire at 20; (a, 5) touches both: both retracted, [0, 15) emitted
        Recorded out = run(n, List.of(ev("a", 0L, 1L), ev("a", 10L, 1L), ev("a", 20L, 1L), ev("a", 5L, 1L),
                ev("a", 7L, 1L)), 0, 1);
        assertThat(out.rows).containsExactly(row("a", 0L, 5L, 1L, I), row("a", 10L, 15L, 1L, I),
                row("a", 0L, 5L, 1L, D), row("a", 10L, 15L, 1L, D), row("a", 0L, 15L, 3L, I),
                row("a", 0L, 15L, 3L, UB), row("a", 0L, 15L, 4L, UA),
                row("a", 20L, 25L, 1L, I));
    }

    @Test
    void routeWritesLateRowsUnchangedToTheTarget() {
        List<List<Object>> routed = new ArrayList<>();
        List<String> opened = new ArrayList<>();
        LateRowSinks sinks = (target, rows, ctx) -> {
            opened.add(target + " " + rows.size());
            return new LateRowSinks.LateRowSink() {
                @Override
                public void write(VectorSchemaRoot batch, int[] selected, int n) {
                    List<List<Object>> all = Rows.fromRoot(batch);
                    for (int i = 0; i < n; i++) {
                        routed.add(all.get(selected[i]));
                    }
                }

                @Override
                public void close() {
                    opened.add("closed");
                }
            };
        };
        WindowAggregateNode n = node(WindowSpec.tumble(WindowTesting.TS, 10), new LatePolicy(LatePolicy.Kind.ROUTE, 0,
                "late_bids"), List.of(count()));
        Recorded out = StreamTester.run(new WindowAggregateOperator(n, sinks), script(TUMBLE_INPUT, 0, 2),
                WindowTesting.IN);
        assertThat(out.rows).hasSize(5);
        assertThat(routed).containsExactly(row("a", 5L, 4L, true, 12L));
        assertThat(opened).containsExactly("late_bids 5", "closed");
        assertThat(out.metrics.lateRowsRouted()).isEqualTo(1);
        assertThat(out.metrics.lateRowsDropped()).isZero();
    }

    @Test
    void rowsWithoutEventTimeAreCountedNotWindowed() {
        Recorded out = run(node(WindowSpec.tumble(WindowTesting.TS, 10), LatePolicy.DROP, List.of(count())),
                List.of(ev("a", 1L, 1L), ev("a", null, 1L), ev("a", 2L, 1L)), 0, 3);
        assertThat(out.rows).containsExactly(row("a", 0L, 10L, 2L));
        assertThat(out.metrics.rowsWithoutTime()).isEqualTo(1);
    }

    @Test
    void aWindowAggregateWithoutGroupKeysHasOneRowPerWindowAndStateGoesWhenWindowsFire() {
        RowSchema in = WindowTesting.IN;
        WindowAggregateNode n = new WindowAggregateNode(new dev.runnel.planner.physical.ValuesNode(List.of(), in),
                WindowSpec.tumble(WindowTesting.TS, 10), WindowTesting.WM, List.of(), List.of(count()), LatePolicy.DROP,
                dev.runnel.exec.testing.Schemas.of("window_start", WindowTesting.TIMESTAMP, "window_end",
                        WindowTesting.TIMESTAMP, "count", WindowTesting.BIGINT));
        List<Event> events = new ArrayList<>();
        for (long t = 0; t < 10_000; t++) {
            events.add(ev(t % 3 == 0 ? "x" : "y", t, t));
        }
        Recorded out = StreamTester.run(new WindowAggregateOperator(n, LateRowSinks.NONE), script(events, 0, 500,
                WindowTesting.IN.size()), in);
        assertThat(out.rows).hasSize(1000).allMatch(r -> r.get(2).equals(10L));
        assertThat(out.metrics.stateBytes()).isZero();
    }

    @Test
    void aPlanWhoseOutputDoesNotFitTheLayoutIsRefused() {
        WindowAggregateNode n = new WindowAggregateNode(new dev.runnel.planner.physical.ValuesNode(List.of(),
                WindowTesting.IN), WindowSpec.tumble(WindowTesting.K, 10), WindowTesting.WM, List.of(), List.of(),
                LatePolicy.DROP, WindowTesting.IN);
        assertThatThrownBy(() -> new WindowAggregateOperator(n, LateRowSinks.NONE))
                .hasMessageContaining("must be a TIMESTAMP");
        assertThat(OperatorContext.class).isNotNull();
    }
}
