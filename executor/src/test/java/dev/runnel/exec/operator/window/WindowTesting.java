package dev.runnel.exec.operator.window;

import static dev.runnel.exec.testing.Rows.row;

import dev.runnel.exec.testing.Schemas;
import dev.runnel.exec.testing.StreamTester;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared fixtures of the window tests: input rows {@code (k VARCHAR, ts TIMESTAMP, v BIGINT,
 * f BOOLEAN, _watermark TIMESTAMP)} of one partition, with {@code _watermark} computed as the scan
 * does (largest event time before the row minus the delay), and plans built by hand as the planner
 * would.
 */
final class WindowTesting {
    static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    static final DataType TIMESTAMP = DataType.of(TypeKind.TIMESTAMP);
    static final RowSchema IN = Schemas.of("k", TypeKind.VARCHAR, "ts", TypeKind.TIMESTAMP, "v", TypeKind.BIGINT,
            "f", TypeKind.BOOLEAN, "_watermark", TypeKind.TIMESTAMP);
    static final int K = 0;
    static final int TS = 1;
    static final int V = 2;
    static final int F = 3;
    static final int WM = 4;

    private WindowTesting() {}

    /** An event before its {@code _watermark} is known. */
    record Event(String k, Long ts, Long v) {}

    static Event ev(String k, Long ts, Long v) {
        return new Event(k, ts, v);
    }

    /** Input rows of one partition in order, each with its {@code _watermark}. */
    static List<List<Object>> rows(List<Event> events, long delay) {
        List<List<Object>> rows = new ArrayList<>();
        Long max = null;
        for (Event e : events) {
            Long wm = max == null ? null : max - delay;
            rows.add(row(e.k(), e.ts(), e.v(), e.v() != null && e.v() > 2, wm));
            if (e.ts() != null) {
                max = max == null ? e.ts() : Math.max(max, e.ts());
            }
        }
        return rows;
    }

    static AggregateCall call(AggFunction f, DataType type, boolean distinct, int filter, Integer... args) {
        return new AggregateCall(f, List.of(args), distinct, filter, type, f.name().toLowerCase());
    }

    static AggregateCall count() {
        return call(AggFunction.COUNT, BIGINT, false, -1);
    }

    static AggregateCall sum() {
        return call(AggFunction.SUM, BIGINT, false, -1, V);
    }

    static AggregateCall max() {
        return call(AggFunction.MAX, BIGINT, false, -1, V);
    }

    /** COUNT, SUM, MAX, COUNT DISTINCT, MIN, AVG of v, and COUNT(*) FILTER (WHERE f). */
    static List<AggregateCall> allCalls() {
        return List.of(count(), sum(), max(), call(AggFunction.COUNT, BIGINT, true, -1, V),
                call(AggFunction.MIN, BIGINT, false, -1, V), call(AggFunction.AVG, BIGINT, false, -1, V),
                call(AggFunction.COUNT, BIGINT, false, F));
    }

    /** GROUP BY k over {@code window}: output k, window_start, window_end, the calls. */
    static WindowAggregateNode node(WindowSpec window, LatePolicy late, List<AggregateCall> calls) {
        List<Column> out = new ArrayList<>();
        out.add(IN.get(K));
        out.add(new Column("window_start", TIMESTAMP));
        out.add(new Column("window_end", TIMESTAMP));
        for (AggregateCall c : calls) {
            out.add(new Column(c.name(), c.type()));
        }
        return new WindowAggregateNode(new ValuesNode(List.of(), IN), window, WM, List.of(K), calls, late,
                new RowSchema(out));
    }

    /**
     * A script: the rows in batches of the given sizes (cycled), each followed by the partition's
     * watermark after it when that advanced, then {@code Long.MAX_VALUE} and the end.
     */
    static List<StreamTester.Element> script(List<Event> events, long delay, int... batchSizes) {
        List<List<Object>> rows = rows(events, delay);
        List<StreamTester.Element> script = new ArrayList<>();
        long emitted = Long.MIN_VALUE;
        Long max = null;
        int at = 0;
        for (int b = 0; at < rows.size(); b++) {
            int size = batchSizes.length == 0 ? rows.size() : batchSizes[b % batchSizes.length];
            int to = Math.min(rows.size(), at + size);
            script.add(StreamTester.batch(rows.subList(at, to)));
            for (int i = at; i < to; i++) {
                Long ts = events.get(i).ts();
                if (ts != null) {
                    max = max == null ? ts : Math.max(max, ts);
                }
            }
            if (max != null && max - delay > emitted) {
                emitted = max - delay;
                script.add(StreamTester.watermark(emitted));
            }
            at = to;
        }
        script.add(StreamTester.watermark(Long.MAX_VALUE));
        script.add(StreamTester.end());
        return script;
    }
}
