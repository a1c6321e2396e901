package dev.runnel.exec.operator.over;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.operator.window.LateRowSinks;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.exec.testing.SnapshotTester;
import dev.runnel.exec.testing.StreamTester;
import dev.runnel.exec.testing.StreamTester.Element;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.OverAggregateNode;
import dev.runnel.planner.physical.OverAggregateNode.Frame;
import dev.runnel.planner.physical.OverAggregateNode.Function;
import dev.runnel.planner.physical.OverAggregateNode.OverCall;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The OVER operator on its own: RANGE frames share values among peers, ROWS frames do not, late
 * rows are dropped and counted; and on random input in order (no late rows) every frame kind gives
 * what recomputing each row's frame from scratch gives, whatever the batching, and the same rows
 * when stopped, snapshotted and restored at random points.
 */
class OverAggregateOperatorTest {
    /** k, price, ts, _watermark. */
    static final RowSchema IN = Schemas.of("k", TypeKind.BIGINT, "price", TypeKind.BIGINT, "ts", TypeKind.TIMESTAMP,
            "_watermark", TypeKind.TIMESTAMP);
    static final DataType BIGINT = DataType.of(TypeKind.BIGINT);

    static OverAggregateNode node(Frame frame, List<OverCall> calls) {
        List<Column> columns = new ArrayList<>(IN.columns());
        for (OverCall c : calls) {
            columns.add(new Column(c.name(), c.type()));
        }
        return new OverAggregateNode(new ValuesNode(List.of(), IN), List.of(0), 2, 3, frame, calls, LatePolicy.DROP,
                new RowSchema(columns));
    }

    static List<OverCall> aggregates(boolean lag) {
        List<OverCall> calls = new ArrayList<>(List.of(new OverCall(Function.COUNT, -1, 0, -1, BIGINT.notNull(), "n"),
                new OverCall(Function.SUM, 1, 0, -1, BIGINT, "total"), new OverCall(Function.MIN, 1, 0, -1, BIGINT, "low"),
                new OverCall(Function.MAX, 1, 0, -1, BIGINT, "high")));
        if (lag) {
            calls.add(new OverCall(Function.LAG, 1, 1, -1, BIGINT, "prev"));
            calls.add(new OverCall(Function.LAG, 1, 2, 0, BIGINT, "prev2")); // default: the key
        }
        return calls;
    }

    static List<Object> row(long k, Long price, long ts, Long watermark) {
        return Arrays.asList(k, price, ts, watermark);
    }

    @Test
    void rangePeersShareTheirValuesRowsDoNotAndLateRowsAreDropped() {
        List<Element> script = List.of(StreamTester.batch(List.of(row(1, 10L, 1000, null), row(1, 30L, 3000, 0L),
                row(1, 20L, 3000, 2000L), row(2, 5L, 4000, 2000L), row(1, 40L, 7000, 3000L),
                row(1, 1L, 2000, 6000L))), StreamTester.watermark(6000), StreamTester.end());
        Recorded range = StreamTester.run(new OverAggregateOperator(node(new Frame(Frame.Kind.RANGE, 2000),
                aggregates(false)), LateRowSinks.NONE), script, IN);
        assertThat(range.rows).containsExactly(row4(1, 10, 1000, null, 1, 10, 10, 10),
                row4(1, 30, 3000, 0L, 3, 60, 10, 30), row4(1, 20, 3000, 2000L, 3, 60, 10, 30),
                row4(2, 5, 4000, 2000L, 1, 5, 5, 5), row4(1, 40, 7000, 3000L, 1, 40, 40, 40));
        assertThat(range.metrics.lateRowsDropped()).isEqualTo(1);
        Recorded rows = StreamTester.run(new OverAggregateOperator(node(new Frame(Frame.Kind.ROWS, 1),
                aggregates(false)), LateRowSinks.NONE), script, IN);
        assertThat(rows.rows).extracting(r -> r.get(5)).containsExactly(10L, 40L, 50L, 5L, 60L);
    }

    private static List<Object> row4(long k, long price, long ts, Long w, long n, long total, long low, long high) {
        return Arrays.asList(k, price, ts, w, n, total, low, high);
    }

    record Input(List<List<List<Object>>> batches, Frame frame, List<Integer> cuts, List<Integer> resplit) {}

    @Provide
    Arbitrary<Input> inputs() {
        Arbitrary<List<Object>> step = Combinators.combine(Arbitraries.longs().between(0, 3),
                Arbitraries.longs().between(-20, 20).injectNull(0.15), Arbitraries.longs().between(0, 3))
                .as((k, p, dt) -> Arrays.<Object>asList(k, p, dt));
        Arbitrary<Frame> frame = Arbitraries.of(new Frame(Frame.Kind.RANGE, -1), new Frame(Frame.Kind.ROWS, -1),
                new Frame(Frame.Kind.RANGE, 0), new Frame(Frame.Kind.RANGE, 3), new Frame(Frame.Kind.RANGE, 10),
                new Frame(Frame.Kind.ROWS, 0), new Frame(Frame.Kind.ROWS, 2), new Frame(Frame.Kind.ROWS, 7));
        return Combinators.combine(step.list().ofMaxSize(20).list().ofMinSize(1).ofMaxSize(12), frame,
                Arbitraries.integers().between(0, 40).list().ofMaxSize(4),
                Arbitraries.integers().between(1, 7).list().ofMinSize(1).ofMaxSize(3))
                .as((steps, f, cuts, resplit) -> new Input(times(steps), f, cuts, resplit));
    }

    /** Rows with rising times per batch (times repeat: peers), no _watermark; no row behind an earlier watermark. */
    private static List<List<List<Object>>> times(List<List<List<Object>>> steps) {
        long t = 1000;
        List<List<List<Object>>> batches = new ArrayList<>();
        for (List<List<Object>> batch : steps) {
            List<List<Object>> rows = new ArrayList<>();
            for (List<Object> s : batch) {
                t += (Long) s.get(2);
                rows.add(row((Long) s.get(0), (Long) s.get(1), t, null));
            }
            batches.add(rows);
        }
        return batches;
    }

    /** The batches, each followed by the watermark its last row allows (all its rows at or before it). */
    private static List<Element> script(List<List<List<Object>>> batches) {
        List<Element> script = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (List<List<Object>> b : batches) {
            script.add(StreamTester.batch(b));
            if (!b.isEmpty()) {
                long w = (Long) b.get(b.size() - 1).get(2) - 1; // rows of the same time may still come
                if (w > last) {
                    script.add(StreamTester.watermark(w));
                    last = w;
                }
            }
        }
        script.add(StreamTester.end());
        return script;
    }

    /** The same rows in batches of {@code sizes} (cycled). */
    private static List<List<List<Object>>> resplit(List<List<List<Object>>> batches, List<Integer> sizes) {
        List<List<Object>> all = batches.stream().flatMap(List::stream).toList();
        List<List<List<Object>>> out = new ArrayList<>();
        int i = 0;
        for (int from = 0; from < all.size(); i++) {
            int to = Math.min(all.size(), from + sizes.get(i % sizes.size()));
            out.add(all.subList(from, to));
            from = to;
        }
        return out;
    }

    @Property(tries = 200)
    void everyFrameMatchesRecomputingItAndSurvivesRestoresAndRebatching(@ForAll("inputs") Input in) {
        boolean lag = in.frame().unbounded() && in.frame().kind() == Frame.Kind.RANGE;
        OverAggregateNode node = node(in.frame(), aggregates(lag));
        List<Element> script = script(in.batches());
        Recorded whole = StreamTester.run(new OverAggregateOperator(node, LateRowSinks.NONE), script, IN);
        assertThat(sorted(whole.rows)).isEqualTo(sorted(expected(in.batches(), in.frame(), lag)));
        assertThat(whole.metrics.lateRowsDropped()).isZero();
        Recorded restored = SnapshotTester.run(() -> new OverAggregateOperator(node, LateRowSinks.NONE), script,
                in.cuts(), IN);
        assertThat(restored.events).as("cuts %s", in.cuts()).isEqualTo(whole.events);
        Recorded rebatched = StreamTester.run(new OverAggregateOperator(node, LateRowSinks.NONE),
                script(resplit(in.batches(), in.resplit())), IN);
        assertThat(sorted(rebatched.rows)).isEqualTo(sorted(whole.rows));
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> s = new ArrayList<>(rows);
        s.sort(Comparator.comparing(Object::toString));
        return s;
    }

    /** Each row's frame recomputed from scratch over its partition's rows in (time, arrival) order. */
    private static List<List<Object>> expected(List<List<List<Object>>> batches, Frame frame, boolean lag) {
        Map<Long, List<List<Object>>> byKey = new HashMap<>();
        for (List<List<Object>> b : batches) {
            for (List<Object> r : b) {
                byKey.computeIfAbsent((Long) r.get(0), k -> new ArrayList<>()).add(r);
            }
        }
        List<List<Object>> out = new ArrayList<>();
        for (List<List<Object>> rows : byKey.values()) {
            List<List<Object>> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparing(r -> (Long) r.get(2))); // stable: arrival among peers
            for (int i = 0; i < sorted.size(); i++) {
                long t = (Long) sorted.get(i).get(2);
                int last = i;
                while (last + 1 < sorted.size() && (Long) sorted.get(last + 1).get(2) == t) {
                    last++;
                }
                List<List<Object>> inFrame = new ArrayList<>();
                for (int j = 0; j < sorted.size(); j++) {
                    long tj = (Long) sorted.get(j).get(2);
                    boolean in = frame.kind() == Frame.Kind.RANGE
                            ? tj <= t && (frame.unbounded() || tj >= t - frame.preceding())
                            : j <= i && (frame.unbounded() || j >= i - frame.preceding());
                    if (in) {
                        inFrame.add(sorted.get(j));
                    }
                }
                List<Object> r = new ArrayList<>(sorted.get(i));
                List<Long> prices = inFrame.stream().map(x -> (Long) x.get(1)).filter(p -> p != null).toList();
                r.add((long) inFrame.size());
                r.add(prices.isEmpty() ? null : prices.stream().mapToLong(Long::longValue).sum());
                r.add(prices.stream().min(Long::compare).orElse(null));
                r.add(prices.stream().max(Long::compare).orElse(null));
                if (lag) {
                    r.add(last - 1 >= 0 ? sorted.get(last - 1).get(1) : null);
                    r.add(last - 2 >= 0 ? sorted.get(last - 2).get(1) : (Object) sorted.get(last).get(0));
                }
                out.add(r);
            }
        }
        return out;
    }
}
