package dev.runnel.exec.operator.window;

import static dev.runnel.exec.operator.window.WindowTesting.IN;
import static dev.runnel.exec.operator.window.WindowTesting.K;
import static dev.runnel.exec.operator.window.WindowTesting.TS;
import static dev.runnel.exec.operator.window.WindowTesting.V;
import static dev.runnel.exec.operator.window.WindowTesting.WM;
import static dev.runnel.exec.operator.window.WindowTesting.ev;
import static dev.runnel.exec.operator.window.WindowTesting.script;
import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.operator.window.WindowTesting.Event;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.exec.testing.StreamTester;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.SortNode.SortKey;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.planner.physical.WindowTopNNode;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WindowTopNOperatorTest {
    private static final DataType TIMESTAMP = DataType.of(TypeKind.TIMESTAMP).notNull();
    private static final DataType ROWNUM = DataType.of(TypeKind.BIGINT).notNull();
    private static final SortKey V_DESC = new SortKey(V, true, true);

    /** PARTITION BY window, k ORDER BY {@code order} over {@code spec}: output IN's columns, window_start, window_end, rn. */
    private static WindowTopNNode assigned(WindowSpec spec, List<SortKey> order, long start, long end,
            WindowTopNNode.Kind kind) {
        List<Column> out = new ArrayList<>(IN.columns());
        out.add(new Column("window_start", TIMESTAMP));
        out.add(new Column("window_end", TIMESTAMP));
        out.add(new Column("rn", ROWNUM));
        return new WindowTopNNode(new ValuesNode(List.of(), IN), new WindowTopNNode.Assigned(spec, WM, LatePolicy.DROP),
                List.of(K), order, start, end, kind, new RowSchema(out));
    }

    private static Recorded run(WindowTopNNode node, List<Event> events, long delay, int... batches) {
        return StreamTester.run(new WindowTopNOperator(node, LateRowSinks.NONE), script(events, delay, batches), IN);
    }

    @Test
    void eachWindowEmitsItsTopRowsPerPartitionWhenTheWatermarkPassesItsEndWithTiesByArrival() {
        List<Event> events = List.of(ev("a", 1L, 5L), ev("b", 2L, 7L), ev("a", 3L, 9L), ev("a", 4L, 5L),
                ev("a", 5L, 1L), ev("b", 6L, 7L), ev("a", 12L, 4L), ev("a", 25L, 0L));
        Recorded out = run(assigned(WindowSpec.tumble(TS, 10), List.of(V_DESC), 1, 3, WindowTopNNode.Kind.TOP_N),
                events, 0, 1);
        assertThat(out.rows).containsExactly(
                row("a", 3L, 9L, true, 2L, 0L, 10L, 1L), row("a", 1L, 5L, true, null, 0L, 10L, 2L),
                row("a", 4L, 5L, true, 3L, 0L, 10L, 3L), row("b", 2L, 7L, true, 1L, 0L, 10L, 1L),
                row("b", 6L, 7L, true, 5L, 0L, 10L, 2L), row("a", 12L, 4L, true, 6L, 10L, 20L, 1L),
                row("a", 25L, 0L, false, 12L, 20L, 30L, 1L));
        // window [0, 10) fires with the watermark 12, before it is forwarded
        assertThat(out.events.indexOf("wm 12")).isGreaterThan(out.events.indexOf(row("b", 6L, 7L, true, 5L, 0L, 10L,
                2L)));
        assertThat(out.metrics.windowsFired()).isEqualTo(3);
    }

    @Test
    void aRowWhoseWindowFiredIsLateAndDroppedButOneBehindTheWatermarkOfAnOpenWindowCounts() {
        // delay 5: at 18 the watermark is 13; 9 is late for [0, 10), 11 still makes [10, 20)
        List<Event> events = List.of(ev("a", 1L, 1L), ev("a", 18L, 2L), ev("a", 9L, 100L), ev("a", 11L, 50L));
        Recorded out = run(assigned(WindowSpec.tumble(TS, 10), List.of(V_DESC), 1, 1, WindowTopNNode.Kind.TOP_N),
                events, 5, 1);
        assertThat(out.rows).containsExactly(row("a", 1L, 1L, false, null, 0L, 10L, 1L),
                row("a", 11L, 50L, true, 13L, 10L, 20L, 1L));
        assertThat(out.metrics.lateRowsDropped()).isEqualTo(1);
    }

    @Test
    void deduplicationKeepingTheLastRowKeepsTheLaterOfTwoEqualTimes() {
        SortKey tsDesc = new SortKey(TS, true, true);
        List<Event> events = List.of(ev("a", 1L, 1L), ev("a", 7L, 2L), ev("a", 7L, 3L), ev("a", 2L, 4L),
                ev("a", 30L, 0L));
        assertThat(run(assigned(WindowSpec.tumble(TS, 10), List.of(tsDesc), 1, 1, WindowTopNNode.Kind.DEDUPLICATE),
                events, 0).rows).first().isEqualTo(row("a", 7L, 3L, true, 7L, 0L, 10L, 1L));
        // a Top-1 by the same order keeps the earlier, as Flink's Top-N does
        assertThat(run(assigned(WindowSpec.tumble(TS, 10), List.of(tsDesc), 1, 1, WindowTopNNode.Kind.TOP_N),
                events, 0).rows).first().isEqualTo(row("a", 7L, 2L, false, 1L, 0L, 10L, 1L));
    }

    @Test
    void anEmptyRankRangeEmitsNothingAndKeepsNothing() {
        List<Event> events = List.of(ev("a", 1L, 1L), ev("a", 30L, 0L));
        Recorded out = run(assigned(WindowSpec.tumble(TS, 10), List.of(V_DESC), 4, 3, WindowTopNNode.Kind.TOP_N),
                events, 0);
        assertThat(out.rows).isEmpty();
        assertThat(out.finished).isTrue();
    }

    @Test
    void overAWindowAggregateSessionsEndingTogetherStayApartAndRowsOfFiredWindowsAreDropped() {
        RowSchema in = Schemas.of("window_start", TypeKind.TIMESTAMP, "window_end", TypeKind.TIMESTAMP, "k",
                TypeKind.VARCHAR, "n", TypeKind.BIGINT);
        List<Column> out = new ArrayList<>(in.columns());
        out.add(new Column("rn", ROWNUM));
        WindowTopNNode node = new WindowTopNNode(new ValuesNode(List.of(), in), new WindowTopNNode.Attached(0, 1),
                List.of(), List.of(new SortKey(3, true, true)), 1, 1, WindowTopNNode.Kind.TOP_N, new RowSchema(out));
        Recorded r = StreamTester.run(new WindowTopNOperator(node, LateRowSinks.NONE), List.of(
                StreamTester.batch(List.of(row(0L, 10L, "a", 3L), row(4L, 10L, "b", 5L), row(0L, 10L, "c", 4L))),
                StreamTester.watermark(10), StreamTester.batch(List.of(row(2L, 10L, "d", 9L), row(5L, 20L, "e", 1L))),
                StreamTester.watermark(Long.MAX_VALUE), StreamTester.end()), in);
        assertThat(r.rows).containsExactly(row(0L, 10L, "c", 4L, 1L), row(4L, 10L, "b", 5L, 1L),
                row(5L, 20L, "e", 1L, 1L));
        assertThat(r.metrics.lateRowsDropped()).isEqualTo(1);
    }

    @Test
    void hopWindowsRankEachRowInEveryWindowItBelongsToWhateverTheBatchingAndStateStaysBounded() {
        SplittableRandom random = new SplittableRandom(5);
        List<Event> events = new ArrayList<>();
        long clock = 0;
        for (int i = 0; i < 30_000; i++) {
            clock += random.nextInt(3);
            long ts = random.nextInt(50) == 0 ? clock - random.nextInt(3_000) : clock - random.nextInt(5);
            events.add(ev(random.nextBoolean() ? "a" : "b", ts, (long) random.nextInt(1_000)));
        }
        WindowTopNNode node = assigned(WindowSpec.hop(TS, 500, 1_000), List.of(V_DESC), 2, 5,
                WindowTopNNode.Kind.TOP_N);
        List<List<Object>> expected = bruteForce(events, 10, 500, 1_000, 2, 5);
        assertThat(expected).hasSizeGreaterThan(100);
        for (int[] batches : new int[][] {{1}, {7, 300, 4096}, {30_000}}) {
            Recorded out = run(node, events, 10, batches);
            assertThat(out.rows).as("batches " + batches[0]).containsExactlyElementsOf(expected);
        }
        Recorded out = run(node, events, 10, 4096);
        assertThat(out.metrics.stateBytes()).isLessThan(64 * 1024);
        assertThat(out.metrics.lateRowsDropped()).isPositive();
    }

    /** HOP(slide, size) Top-N by v DESC then arrival, partitioned by k, ranks lo..hi, as the rules say row by row. */
    private static List<List<Object>> bruteForce(List<Event> events, long delay, long slide, long size, int lo,
            int hi) {
        Map<Long, Map<String, List<List<Object>>>> windows = new java.util.TreeMap<>();
        List<List<Object>> rows = WindowTesting.rows(events, delay);
        for (List<Object> r : rows) {
            long ts = (Long) r.get(TS);
            Long wm = (Long) r.get(WM);
            for (long end = Math.floorDiv(ts, slide) * slide + slide; end <= ts + size; end += slide) {
                if (wm == null || wm < end) {
                    windows.computeIfAbsent(end, e -> new LinkedHashMap<>())
                            .computeIfAbsent((String) r.get(K), k -> new ArrayList<>()).add(r);
                }
            }
        }
        List<List<Object>> out = new ArrayList<>();
        windows.forEach((end, partitions) -> partitions.values().forEach(list -> {
            List<List<Object>> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing((List<Object> r) -> -(Long) r.get(V))); // stable: arrival breaks ties
            for (int i = lo - 1; i < Math.min(hi, sorted.size()); i++) {
                List<Object> o = new ArrayList<>(sorted.get(i));
                o.add(end - size);
                o.add(end);
                o.add((long) i + 1);
                out.add(o);
            }
        }));
        return out;
    }
}
