package dev.runnel.planner.streaming;

import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.planner.ddl.Durations;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.IntervalJoinNode;
import dev.runnel.planner.physical.WindowJoinNode;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.SortNode;
import dev.runnel.planner.physical.TemporalJoinNode;
import dev.runnel.planner.physical.UnionAllNode;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.MatchNode;
import dev.runnel.planner.physical.OverAggregateNode;
import dev.runnel.planner.physical.TopNNode;
import dev.runnel.planner.physical.WindowTopNNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Streaming analysis of a physical plan: for every node, whether its output is append-only or
 * updating, which watermark or time attribute it uses, and how its state is bounded
 * ({@link StreamProperties}), as if the plan ran continuously over its streams. Rules:
 *
 * <table>
 *   <caption>Per node</caption>
 *   <tr><th>node</th><th>output</th><th>state</th></tr>
 *   <tr><td>Scan of a stream / of a table</td><td>append-only / updating (a changelog)</td><td>stateless; the
 *       stream's watermark, if it declares one</td></tr>
 *   <tr><td>Values</td><td>append-only</td><td>stateless</td></tr>
 *   <tr><td>Filter, Project, UnionAll</td><td>as their inputs</td><td>stateless</td></tr>
 *   <tr><td>WindowAggregate</td><td>append-only (updating under {@code late = 'update'})</td><td>bounded by
 *       the watermark (plus the allowed lateness)</td></tr>
 *   <tr><td>WindowTopN</td><td>append-only</td><td>bounded by the watermark ({@link WindowTopNStreaming})</td></tr>
 *   <tr><td>TopN (regular Top-N, deduplication)</td><td>updating (append-only: keep first by processing
 *       time)</td><td>grows with the distinct partition keys, at most rankEnd rows each ({@link TopNStreaming})</td></tr>
 *   <tr><td>Aggregate over a stream</td><td>updating</td><td>grows with the distinct group keys: unbounded</td></tr>
 *   <tr><td>HashJoin (a regular join when an input is unbounded)</td><td>updating when an input is, or for
 *       outer and anti joins</td><td>keeps both inputs: bounded by the keys of tables and views, unbounded over a
 *       stream</td></tr>
 *   <tr><td>IntervalJoin</td><td>append-only</td><td>bounded by the watermark: a row is kept until the
 *       watermark passes the end of its interval</td></tr>
 *   <tr><td>WindowJoin</td><td>append-only</td><td>bounded by the watermark: the rows of open windows</td></tr>
 *   <tr><td>TemporalJoin</td><td>append-only</td><td>bounded by the watermark and the table's keys</td></tr>
 *   <tr><td>Sort</td><td>updating with keys (ordering, Top-N)</td><td>bounded by its fetch (Top-N), else keeps
 *       every row: unbounded over a stream; LIMIT alone counts rows</td></tr>
 * </table>
 *
 * Stateless; an {@link Analysis} is immutable.
 */
public final class StreamingAnalysis {
    private StreamingAnalysis() {}

    /** The analysis of a plan: properties per node (by identity) and the unbounded-state findings in plan order. */
    public static final class Analysis {
        private final Map<PhysicalNode, StreamProperties> properties;
        private final List<String> unboundedState;

        private Analysis(Map<PhysicalNode, StreamProperties> properties, List<String> unboundedState) {
            this.properties = properties;
            this.unboundedState = List.copyOf(unboundedState);
        }

        public StreamProperties of(PhysicalNode node) {
            StreamProperties p = properties.get(node);
            if (p == null) {
                throw new IllegalArgumentException("not a node of the analysed plan: " + node.getClass().getSimpleName());
            }
            return p;
        }

        /** Why state grows without bound, one sentence per node whose state does, root first. */
        public List<String> unboundedState() {
            return unboundedState;
        }
    }

    public static Analysis analyze(PhysicalNode root) {
        return analyze(root, 0);
    }

    /**
     * The analysis of a plan that runs with a state TTL of {@code stateTtlMillis} (0: none; the
     * {@code state.ttl} setting): regular joins then drop rows not written for that long, so their
     * state is bounded by it.
     */
    public static Analysis analyze(PhysicalNode root, long stateTtlMillis) {
        Map<PhysicalNode, StreamProperties> properties = new IdentityHashMap<>();
        Map<PhysicalNode, Optional<String>> watermarks = new IdentityHashMap<>();
        visit(root, properties, watermarks, stateTtlMillis);
        List<String> warnings = new ArrayList<>();
        collect(root, properties, warnings);
        return new Analysis(properties, warnings);
    }

    private static void collect(PhysicalNode node, Map<PhysicalNode, StreamProperties> properties, List<String> out) {
        properties.get(node).unboundedState().ifPresent(out::add);
        node.inputs().forEach(i -> collect(i, properties, out));
    }

    private static StreamProperties visit(PhysicalNode node, Map<PhysicalNode, StreamProperties> properties,
            Map<PhysicalNode, Optional<String>> watermarks, long ttl) {
        List<StreamProperties> inputs = new ArrayList<>();
        for (PhysicalNode input : node.inputs()) {
            inputs.add(visit(input, properties, watermarks, ttl));
        }
        Optional<String> watermark = node.inputs().size() == 1 ? watermarks.get(node.inputs().get(0)) : Optional.empty();
        boolean anyUpdating = inputs.stream().anyMatch(StreamProperties::updating);
        List<String> streams = inputs.stream().flatMap(p -> p.streams().stream()).distinct().toList();
        StreamProperties p;
        if (node instanceof ScanNode scan) {
            RelationDef r = scan.relation();
            watermark = r.watermark().map(w -> watermark(r, w));
            boolean stream = r.kind() == RelationKind.STREAM;
            p = new StreamProperties(!stream, watermark.map(w -> "watermark " + w), "stateless",
                    Optional.empty(), stream ? List.of(r.name()) : List.of());
        } else if (node instanceof ValuesNode) {
            p = new StreamProperties(false, Optional.empty(), "stateless", Optional.empty(), List.of());
        } else if (node instanceof FilterNode || node instanceof ProjectNode || node instanceof UnionAllNode) {
            p = new StreamProperties(anyUpdating, Optional.empty(), "stateless", Optional.empty(), streams);
        } else if (node instanceof WindowAggregateNode w) {
            p = window(w, watermark, streams);
        } else if (node instanceof WindowTopNNode topN) {
            p = WindowTopNStreaming.properties(topN, watermark, streams);
        } else if (node instanceof TopNNode topN) {
            p = TopNStreaming.properties(topN, anyUpdating, streams);
        } else if (node instanceof OverAggregateNode over) {
            p = OverStreaming.properties(over, watermark, streams);
        } else if (node instanceof AggregateNode agg) {
            p = aggregate(agg, streams);
        } else if (node instanceof HashJoinNode join) {
            p = join(join, inputs, anyUpdating, streams, ttl);
        } else if (node instanceof IntervalJoinNode join) {
            p = intervalJoin(join, anyUpdating, streams);
        } else if (node instanceof WindowJoinNode join) {
            p = new StreamProperties(anyUpdating, Optional.of("windows on " + join.left().schema().get(
                    join.window().timeColumn()).name() + ", " + join.right().schema().get(join.rightTime()).name()
                    + ", watermark of both inputs"), "state bounded by watermark (the rows of open windows)",
                    Optional.empty(), streams);
        } else if (node instanceof SortNode sort) {
            p = sort(sort, anyUpdating, streams);
        } else if (node instanceof TemporalJoinNode temporal) {
            p = temporal(temporal, inputs, streams);
        } else if (node instanceof MatchNode match) {
            p = match(match, watermark, streams);
        } else {
            throw new IllegalStateException("no streaming analysis for " + node.getClass().getSimpleName());
        }
        properties.put(node, p);
        watermarks.put(node, node instanceof ScanNode || node instanceof FilterNode || node instanceof ProjectNode
                ? watermark : node instanceof TemporalJoinNode t ? watermarks.get(t.left()) : Optional.empty());
        return p;
    }

    private static StreamProperties window(WindowAggregateNode w, Optional<String> watermark, List<String> streams) {
        RowSchema in = w.input().schema();
        if (w.processingTime()) {
            return new StreamProperties(false, Optional.of("processing time " + in.get(w.window().timeColumn()).name()),
                    "state bounded by the clock", Optional.empty(), streams);
        }
        String time = "event time " + in.get(w.window().timeColumn()).name() + watermark.map(m -> ", watermark " + m)
                .orElse("") + ", late rows by " + in.get(w.watermarkColumn()).name();
        LatePolicy late = w.late();
        boolean update = late.kind() == LatePolicy.Kind.UPDATE;
        String state = "state bounded by watermark" + (update && late.allowedLatenessMillis() > 0
                ? " + allowed lateness " + Durations.sqlInterval(late.allowedLatenessMillis()) : "");
        return new StreamProperties(update, Optional.of(time), state, Optional.empty(), streams);
    }

    /** MATCH_RECOGNIZE: append-only; partial matches bounded by WITHIN and the watermark, or by their failing. */
    private static StreamProperties match(MatchNode m, Optional<String> watermark, List<String> streams) {
        RowSchema in = m.input().schema();
        String time = "event time " + in.get(m.timeColumn()).name() + watermark.map(w -> ", watermark " + w).orElse("")
                + ", late rows by " + in.get(m.watermarkColumn()).name();
        String state = m.withinMillis() >= 0
                ? "state bounded by WITHIN " + Durations.sqlInterval(m.withinMillis()) + " and the watermark"
                : "unbounded: partial matches kept until they fail";
        return new StreamProperties(false, Optional.of(time), state, Optional.empty(), streams);
    }

    private static StreamProperties aggregate(AggregateNode agg, List<String> streams) {
        if (streams.isEmpty()) {
            return new StreamProperties(false, Optional.empty(), "state bounded by its input", Optional.empty(), streams);
        }
        if (agg.groupKeys().isEmpty()) {
            return new StreamProperties(true, Optional.empty(), "state: one row", Optional.empty(), streams);
        }
        String keys = columns(agg.input().schema(), agg.groupKeys());
        return new StreamProperties(true, Optional.empty(), "state grows with distinct keys (" + keys + ")",
                Optional.of("Aggregate[group: " + keys + "] keeps a row per distinct " + keys + " of " + join(streams)
                        + " for as long as the query runs; group by a window (TUMBLE, HOP, SESSION, CUMULATE) to"
                        + " bound it"), streams);
    }

    /**
     * A hash join: bounded inputs only, it is built once. Over an unbounded input it runs as a
     * regular join (both inputs kept, retractions passed on): over tables and views only (rows by
     * primary key) its state is bounded by their keys; over a stream it keeps every row of it.
     */
    private static StreamProperties join(HashJoinNode join, List<StreamProperties> inputs, boolean anyUpdating,
            List<String> streams, long ttl) {
        boolean outer = switch (join.kind()) {
            case LEFT, RIGHT, FULL, ANTI -> true;
            case INNER, SEMI -> false;
        };
        boolean regular = join.kind() != HashJoinNode.JoinKind.SEMI && join.kind() != HashJoinNode.JoinKind.ANTI;
        String byTtl = ttl > 0 ? ", and by state.ttl " + Durations.sqlInterval(ttl) : "";
        if (streams.isEmpty()) {
            return new StreamProperties(anyUpdating || outer, Optional.empty(), anyUpdating && regular
                    ? "regular join; state bounded by the keys of its inputs" + byTtl : "state bounded by its inputs",
                    Optional.empty(), streams);
        }
        Set<String> kept = new LinkedHashSet<>();
        inputs.forEach(i -> kept.addAll(i.streams()));
        String rows = join(new ArrayList<>(kept));
        if (regular && ttl > 0) {
            return new StreamProperties(anyUpdating || outer, Optional.empty(), "regular join; state bounded by"
                    + " state.ttl " + Durations.sqlInterval(ttl) + " (rows not written for that long are dropped)",
                    Optional.empty(), streams);
        }
        return new StreamProperties(anyUpdating || outer, Optional.empty(),
                (regular ? "regular join; " : "") + "state grows with every row of " + rows,
                Optional.of("HashJoin[" + join.kind() + "]" + (regular ? " (a regular join)" : "")
                        + " keeps every row of " + rows
                        + " for as long as the query runs"), streams);
    }

    /**
     * An interval join: append-only over append-only inputs; each side's rows are kept until the
     * watermark passes the end of their interval, so its state is bounded by the watermark.
     */
    private static StreamProperties intervalJoin(IntervalJoinNode join, boolean anyUpdating, List<String> streams) {
        String time = "event time " + join.left().schema().get(join.leftTime()).name() + ", "
                + join.right().schema().get(join.rightTime()).name() + ", watermark of both inputs"
                + (join.watermarkDelay() > 0 ? " - " + Durations.sqlInterval(join.watermarkDelay()) : "");
        String state = "state bounded by watermark (a left row kept until it passes its time"
                + plus(join.leftRetention()) + ", a right row until it passes its time" + plus(join.rightRetention())
                + ")";
        return new StreamProperties(anyUpdating, Optional.of(time), state, Optional.empty(), streams);
    }

    private static String plus(long millis) {
        return millis == 0 ? "" : " + " + Durations.sqlInterval(millis);
    }

    /**
     * A temporal join emits each left row once, when the watermark passes its time: append-only.
     * It keeps the left rows not yet emitted and the table's versions, pruned by the watermark to the
     * newest one per key that is not after it: state bounded by the watermark and the table's keys.
     */
    private static StreamProperties temporal(TemporalJoinNode join, List<StreamProperties> inputs,
            List<String> streams) {
        String table = join.right().relation().name();
        if (join.processingTime()) {
            return new StreamProperties(inputs.get(0).updating(), Optional.empty(), "lookup join; state bounded by the"
                    + " keys of " + table + " (its current rows)", Optional.empty(), streams);
        }
        String time = "as of " + join.left().schema().get(join.leftTime()).name() + ", versions by "
                + join.right().schema().get(join.rightTime()).name();
        return new StreamProperties(inputs.get(0).updating(), Optional.of(time),
                "state bounded by watermark (pending rows) and the keys of " + table + " (versions)",
                Optional.empty(), streams);
    }

    private static StreamProperties sort(SortNode sort, boolean anyUpdating, List<String> streams) {
        if (sort.keys().isEmpty()) {
            return new StreamProperties(anyUpdating, Optional.empty(), "stateless (counts rows)", Optional.empty(),
                    streams);
        }
        boolean continuous = !streams.isEmpty();
        if (sort.fetch() >= 0) {
            return new StreamProperties(anyUpdating || continuous, Optional.empty(), "state bounded by fetch ("
                    + (sort.offset() + sort.fetch()) + " rows)", Optional.empty(), streams);
        }
        if (!continuous) {
            return new StreamProperties(anyUpdating, Optional.empty(), "state bounded by its input", Optional.empty(),
                    streams);
        }
        String keys = sort.keys().stream().map(k -> sort.input().schema().get(k.column()).name())
                .collect(Collectors.joining(", "));
        return new StreamProperties(true, Optional.empty(), "state grows with every row",
                Optional.of("Sort[" + keys + "] keeps every row of " + join(streams)
                        + " for as long as the query runs; add LIMIT to keep only the top rows"), streams);
    }

    private static String watermark(RelationDef r, WatermarkSpec w) {
        String column = r.columns().get(w.column()).name();
        return w.delayMillis() == 0 ? column : column + " - " + Durations.sqlInterval(w.delayMillis());
    }

    private static String columns(RowSchema schema, List<Integer> columns) {
        return columns.stream().map(c -> schema.get(c).name()).collect(Collectors.joining(", "));
    }

    private static String join(List<String> names) {
        if (names.size() <= 1) {
            return names.isEmpty() ? "" : names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

}
