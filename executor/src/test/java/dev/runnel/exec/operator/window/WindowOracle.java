package dev.runnel.exec.operator.window;

import static dev.runnel.exec.testing.Rows.row;

import dev.runnel.exec.operator.window.WindowTesting.Event;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.WindowSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A brute-force, row-at-a-time window evaluator for one partition, written from the rule and
 * nothing else: before each row the watermark becomes the row's {@code _watermark} (per-record
 * watermarks, as Flink runs with {@code auto-watermark-interval = 0}), windows whose last
 * millisecond ({@code end - 1}, Flink's {@code maxTimestamp}) it reached fire, and windows whose last
 * millisecond plus allowed lateness it reached are gone; a row enters every window
 * holding it that is not gone; sessions merge with every open session of their key they overlap or
 * touch. Computes {@link WindowTesting#allCalls()} over plain lists. The reference the window
 * operator is compared with.
 */
final class WindowOracle {
    /** A window of one key and the events in it. */
    private static final class Win {
        final String key;
        long start;
        long end;
        final List<Event> events = new ArrayList<>();
        boolean fired;

        Win(String key, long start, long end) {
            this.key = key;
            this.start = start;
            this.end = end;
        }

        List<Object> id() {
            return List.of(key, start, end);
        }
    }

    private final WindowSpec spec;
    private final long allowed;
    private final boolean updating;
    private final long delay;
    private final List<Win> open = new ArrayList<>();
    private long watermark = Long.MIN_VALUE;

    /** Rows as emitted when windows fired (drop and route: the whole output). */
    final List<List<Object>> fired = new ArrayList<>();
    /** The final result per (key, start, end) after every update (what an upsert view holds). */
    final Map<List<Object>, List<Object>> upserts = new LinkedHashMap<>();
    /** Rows no window took, in order. */
    final List<Event> late = new ArrayList<>();
    int withoutTime;

    WindowOracle(WindowSpec spec, LatePolicy policy, long delay) {
        this.spec = spec;
        this.updating = policy.kind() == LatePolicy.Kind.UPDATE;
        this.allowed = updating ? policy.allowedLatenessMillis() : 0;
        this.delay = delay;
    }

    static WindowOracle run(WindowSpec spec, LatePolicy policy, long delay, List<Event> events) {
        WindowOracle o = new WindowOracle(spec, policy, delay);
        Long max = null;
        for (Event e : events) {
            if (max != null) {
                o.advance(max - delay);
            }
            o.add(e);
            if (e.ts() != null) {
                max = max == null ? e.ts() : Math.max(max, e.ts());
            }
        }
        o.advance(Long.MAX_VALUE);
        return o;
    }

    private boolean gone(long end) {
        return end - 1 + allowed <= watermark;
    }

    private void advance(long w) {
        if (w <= watermark) {
            return;
        }
        watermark = w;
        open.sort((a, b) -> Long.compare(a.end, b.end));
        for (Win win : open) {
            if (!win.fired && win.end - 1 <= watermark) {
                win.fired = true;
                List<Object> r = result(win);
                fired.add(r);
                upserts.put(win.id(), r);
            }
        }
        open.removeIf(win -> gone(win.end));
    }

    private void add(Event e) {
        if (e.ts() == null) {
            withoutTime++;
            return;
        }
        if (spec.kind() == WindowSpec.Kind.SESSION) {
            addToSession(e);
            return;
        }
        boolean taken = false;
        for (long[] w : windows(e.ts())) {
            if (gone(w[1])) {
                continue;
            }
            taken = true;
            Win win = find(e.k(), w[0], w[1]);
            if (win == null) {
                win = new Win(e.k(), w[0], w[1]);
                win.fired = w[1] - 1 <= watermark;
                open.add(win);
            }
            win.events.add(e);
            if (win.fired) {
                upserts.put(win.id(), result(win));
            }
        }
        if (!taken) {
            late.add(e);
        }
    }

    private Win find(String key, long start, long end) {
        for (Win w : open) {
            if (w.key.equals(key) && w.start == start && w.end == end) {
                return w;
            }
        }
        return null;
    }

    /** Every [start, end) holding ts, by brute force over the kind's definition. */
    private List<long[]> windows(long ts) {
        List<long[]> out = new ArrayList<>();
        long size = spec.size();
        switch (spec.kind()) {
            case TUMBLE -> {
                long s = Math.floorDiv(ts, size) * size;
                out.add(new long[] {s, s + size});
            }
            case HOP -> {
                for (long s = Math.floorDiv(ts, spec.slide()) * spec.slide(); s + size > ts; s -= spec.slide()) {
                    out.add(new long[] {s, s + size});
                }
            }
            case CUMULATE -> {
                long s = Math.floorDiv(ts, size) * size;
                for (long end = s + spec.slide(); end <= s + size; end += spec.slide()) {
                    if (end > ts) {
                        out.add(new long[] {s, end});
                    }
                }
            }
            case SESSION -> throw new IllegalStateException();
        }
        return out;
    }

    private void addToSession(Event e) {
        long start = e.ts();
        long end = e.ts() + spec.gap();
        Set<Win> merged = new HashSet<>();
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Win w : open) {
                if (w.key.equals(e.k()) && !merged.contains(w) && w.start <= end && w.end >= start) {
                    merged.add(w);
                    start = Math.min(start, w.start);
                    end = Math.max(end, w.end);
                    grew = true;
                }
            }
        }
        if (gone(end)) {
            late.add(e);
            return;
        }
        Win win = new Win(e.k(), start, end);
        for (Win w : open) {
            if (merged.contains(w)) {
                win.events.addAll(w.events);
                if (w.fired) {
                    upserts.remove(w.id());
                }
            }
        }
        open.removeAll(merged);
        win.events.add(e);
        win.fired = end - 1 <= watermark;
        open.add(win);
        if (win.fired) {
            upserts.put(win.id(), result(win));
        }
    }

    /** The output row: key, start, end, then COUNT, SUM, MAX, COUNT DISTINCT, MIN, AVG of v, COUNT FILTER (v > 2). */
    private static List<Object> result(Win w) {
        long count = w.events.size();
        Long sum = null;
        Long max = null;
        Long min = null;
        long values = 0;
        long filtered = 0;
        Set<Long> distinct = new HashSet<>();
        for (Event e : w.events) {
            Long v = e.v();
            if (v != null) {
                sum = sum == null ? v : sum + v;
                max = max == null ? v : Math.max(max, v);
                min = min == null ? v : Math.min(min, v);
                distinct.add(v);
                values++;
                if (v > 2) {
                    filtered++;
                }
            }
        }
        return row(w.key, w.start, w.end, count, sum, max, (long) distinct.size(), min,
                values == 0 ? null : sum / values, filtered);
    }
}
