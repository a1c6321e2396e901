package dev.runnel.planner.explain;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.planner.ddl.Durations;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.IntervalJoinNode;
import dev.runnel.planner.physical.WindowJoinNode;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.MatchNode;
import dev.runnel.planner.physical.OverAggregateNode;
import dev.runnel.planner.physical.TopNNode;
import dev.runnel.planner.physical.WindowTopNNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.SortNode;
import dev.runnel.planner.physical.TemporalJoinNode;
import dev.runnel.planner.physical.UnionAllNode;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.planner.streaming.StreamingAnalysis;
import dev.runnel.planner.streaming.StreamingAnalysis.Analysis;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a physical plan as an indented tree, one node per line, children two spaces deeper,
 * expressions written over column names ({@link ExprWriter}):
 *
 * <pre>
 * Project[auction, price * 2 AS doubled]
 *   Filter[price &gt; 1000]
 *     Scan[bids: auction, price] (topic bids, 4 partitions, columnar)
 * </pre>
 *
 * A push query ({@code SELECT STREAM}) is rooted at a {@code Stream} line, an INSERT at an
 * {@code Insert[target]} line. Statements carry the streaming analysis ({@link StreamingAnalysis})
 * after {@code --} on each line, whether the node's output is append-only or updating, the
 * watermark or time attribute it uses, and how its state is bounded:
 *
 * <pre>
 * Stream
 *   Aggregate[group: channel; COUNT(*) AS n]  -- updating; state grows with distinct keys (channel)
 *     Scan[bids: channel] (topic bids, 4 partitions, columnar)  -- append-only; watermark date_time - INTERVAL '4' SECOND; stateless
 * WARNING: unbounded state: Aggregate[group: channel] keeps a row per distinct channel of bids ...
 * </pre>
 *
 * The WARNING lines come last, for statements that run on (push queries, and INSERTs reading a
 * stream); a pull query ends, and its state with it. Stateless and thread-safe.
 */
public final class ExplainWriter {
    private static final int MAX_VALUES_ROWS = 3;

    private ExplainWriter() {}

    /** A query's plan with the streaming analysis; a push query also gets its unbounded-state warnings. */
    public static List<String> explain(PlannedStatement.Query query) {
        return explain(query, 0);
    }

    /** As {@link #explain(PlannedStatement.Query)}, for a session with a state TTL ({@code state.ttl}, 0: none). */
    public static List<String> explain(PlannedStatement.Query query, long stateTtlMillis) {
        Analysis analysis = StreamingAnalysis.analyze(query.root(), stateTtlMillis);
        List<String> out = new ArrayList<>();
        if (query.stream()) {
            out.add("Stream");
        }
        write(query.root(), query.stream() ? 1 : 0, out, analysis);
        if (query.stream()) {
            warnings(analysis, out);
        }
        return out;
    }

    /** An INSERT's plan with the streaming analysis; one that reads a stream runs on, so it gets warnings too. */
    public static List<String> explain(PlannedStatement.Insert insert) {
        return explain(insert, 0);
    }

    /** As {@link #explain(PlannedStatement.Insert)}, for a session with a state TTL ({@code state.ttl}, 0: none). */
    public static List<String> explain(PlannedStatement.Insert insert, long stateTtlMillis) {
        Analysis analysis = StreamingAnalysis.analyze(insert.source(), stateTtlMillis);
        List<String> out = new ArrayList<>();
        out.add("Insert[" + insert.target().name() + "] " + storage(insert.target()));
        write(insert.source(), 1, out, analysis);
        if (!analysis.of(insert.source()).streams().isEmpty()) {
            warnings(analysis, out);
        }
        return out;
    }

    /** The bare tree, without streaming analysis (for tests of translation). */
    public static List<String> explain(PhysicalNode root) {
        List<String> out = new ArrayList<>();
        write(root, 0, out, null);
        return out;
    }

    private static void write(PhysicalNode node, int depth, List<String> out, Analysis analysis) {
        out.add("  ".repeat(depth) + describe(node) + (analysis == null ? "" : "  -- " + analysis.of(node).describe()));
        for (PhysicalNode input : node.inputs()) {
            write(input, depth + 1, out, analysis);
        }
    }

    private static void warnings(Analysis analysis, List<String> out) {
        for (String w : analysis.unboundedState()) {
            out.add("WARNING: unbounded state: " + w);
        }
    }

    /** One line for a node. Java 17 has no pattern switch; {@code ExplainWriterTest} pins that every node kind is handled. */
    static String describe(PhysicalNode node) {
        if (node instanceof ScanNode scan) {
            return "Scan[" + scan.relation().name() + ": " + names(scan.schema())
                    + scan.start().map(st -> "; start " + st).orElse("") + "] " + storage(scan.relation());
        }
        if (node instanceof FilterNode filter) {
            return "Filter[" + new ExprWriter(filter.input().schema()).write(filter.condition()) + "]";
        }
        if (node instanceof ProjectNode project) {
            return "Project[" + projections(project) + "]";
        }
        if (node instanceof AggregateNode agg) {
            return "Aggregate[" + aggregate(agg) + "]";
        }
        if (node instanceof SortNode sort) {
            return "Sort[" + sort(sort) + "]";
        }
        if (node instanceof UnionAllNode) {
            return "UnionAll";
        }
        if (node instanceof ValuesNode values) {
            return "Values[" + values(values) + "]";
        }
        if (node instanceof HashJoinNode join) {
            return "HashJoin[" + join(join) + "]";
        }
        if (node instanceof IntervalJoinNode join) {
            return "IntervalJoin[" + intervalJoin(join) + "]";
        }
        if (node instanceof WindowJoinNode join) {
            return "WindowJoin[" + windowJoin(join) + "]";
        }
        if (node instanceof TemporalJoinNode temporal) {
            return "TemporalJoin[" + temporalJoin(temporal) + "]";
        }
        if (node instanceof WindowAggregateNode w) {
            return "WindowAggregate[" + windowAggregate(w) + "]";
        }
        if (node instanceof WindowTopNNode topN) {
            return (topN.kind() == WindowTopNNode.Kind.DEDUPLICATE ? "WindowDeduplicate[" : "WindowTopN[")
                    + windowTopN(topN) + "]";
        }
        if (node instanceof TopNNode topN) {
            return (topN.kind() == TopNNode.Kind.DEDUPLICATE ? "Deduplicate[" : "TopN[") + topN(topN) + "]";
        }
        if (node instanceof MatchNode match) {
            return "MatchRecognize[" + match(match) + "]";
        }
        if (node instanceof OverAggregateNode over) {
            return "OverAggregate[" + overAggregate(over) + "]";
        }
        throw new IllegalStateException("no EXPLAIN line for " + node.getClass().getSimpleName());
    }

    private static String storage(RelationDef r) {
        StorageSpec s = r.storage();
        String kind = r.kind() == RelationKind.STREAM ? ""
                : r.kind() == RelationKind.TABLE ? ", table keyed by " + r.primaryKey().stream()
                        .map(i -> r.columns().get(i).name()).collect(Collectors.joining(", "))
                : ", materialized view";
        return "(topic " + s.topic() + ", " + s.partitions() + (s.partitions() == 1 ? " partition, " : " partitions, ")
                + s.format().sqlName() + kind + ")";
    }

    private static String names(RowSchema schema) {
        return schema.columns().stream().map(Column::name).map(ExprWriter::identifier).collect(Collectors.joining(", "));
    }

    private static String projections(ProjectNode project) {
        ExprWriter w = new ExprWriter(project.input().schema());
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < project.exprs().size(); i++) {
            Expr e = project.exprs().get(i);
            String name = project.schema().get(i).name();
            String text = w.write(e);
            boolean sameName = e instanceof InputRef ref && project.input().schema().get(ref.index()).name().equals(name);
            parts.add(sameName ? text : text + " AS " + ExprWriter.identifier(name));
        }
        return String.join(", ", parts);
    }

    private static String aggregate(AggregateNode agg) {
        return groupAndCalls(new ExprWriter(agg.input().schema()), agg.groupKeys(), agg.calls());
    }

    /**
     * {@code TUMBLE(date_time, INTERVAL '10' SECOND); group: auction; COUNT(*) AS n; late: drop}: the
     * window (time column, durations, SESSION partition), the group keys and calls as for Aggregate,
     * then the late-row policy.
     */
    private static String windowAggregate(WindowAggregateNode node) {
        ExprWriter w = new ExprWriter(node.input().schema());
        String body = groupAndCalls(w, node.groupKeys(), node.calls());
        return window(w, node.window()) + (body.isEmpty() ? "" : "; " + body) + (node.processingTime()
                ? "; processing time" : "; late: " + policy(node.late()));
    }

    /** {@code TUMBLE(date_time, INTERVAL '10' SECOND)}, {@code HOP(ts, slide ..., size ...)}, ... */
    private static String window(ExprWriter w, WindowSpec spec) {
        String time = w.column(spec.timeColumn());
        String window = switch (spec.kind()) {
            case TUMBLE -> "TUMBLE(" + time + ", " + interval(spec.size());
            case HOP -> "HOP(" + time + ", slide " + interval(spec.slide()) + ", size " + interval(spec.size());
            case CUMULATE -> "CUMULATE(" + time + ", step " + interval(spec.slide()) + ", size "
                    + interval(spec.size());
            case SESSION -> "SESSION(" + time + (spec.partitionKeys().isEmpty() ? "" : " PARTITION BY "
                    + spec.partitionKeys().stream().map(w::column).collect(Collectors.joining(", ")))
                    + ", gap " + interval(spec.gap());
        };
        return window + (spec.offset() == 0 ? "" : ", offset " + interval(spec.offset())) + ")";
    }

    private static String policy(LatePolicy late) {
        return switch (late.kind()) {
            case DROP -> "drop";
            case UPDATE -> "update, allowed lateness " + interval(late.allowedLatenessMillis());
            case ROUTE -> "route to " + late.routeTarget();
        };
    }

    /**
     * {@code TUMBLE(date_time, INTERVAL '10' SECOND); partition: channel; order: price DESC; rownum <= 3;
     * late: drop} over a window function, {@code window: window_start, window_end; ...} over a window
     * aggregate; a deduplication says {@code keep first} or {@code keep last} by its time column.
     */
    private static String windowTopN(WindowTopNNode node) {
        ExprWriter w = new ExprWriter(node.input().schema());
        List<String> parts = new ArrayList<>();
        if (node.windows() instanceof WindowTopNNode.Assigned a) {
            parts.add(window(w, a.spec()));
        } else {
            parts.add("window: " + w.column(node.windowStartColumn()) + ", " + w.column(node.windowEndColumn()));
        }
        if (!node.partitionKeys().isEmpty()) {
            parts.add("partition: " + node.partitionKeys().stream().map(w::column).collect(Collectors.joining(", ")));
        }
        if (node.kind() == WindowTopNNode.Kind.DEDUPLICATE) {
            SortNode.SortKey k = node.order().get(0);
            parts.add((k.descending() ? "keep last by " : "keep first by ") + w.column(k.column()));
        } else {
            parts.add("order: " + sortKeys(w, node.order()));
            String rownum = ExprWriter.identifier(node.schema().get(node.rowNumberColumn()).name());
            parts.add(node.rankStart() == 1 ? rownum + " <= " + node.rankEnd()
                    : rownum + " " + node.rankStart() + ".." + node.rankEnd());
        }
        if (node.windows() instanceof WindowTopNNode.Assigned a) {
            parts.add("late: " + policy(a.late()));
        }
        return String.join("; ", parts);
    }

    /**
     * {@code partition: auction; order: price DESC; rownum <= 10}; a deduplication says {@code keep
     * first} or {@code keep last} by its time column.
     */
    private static String overAggregate(OverAggregateNode node) {
        ExprWriter w = new ExprWriter(node.input().schema());
        List<String> parts = new ArrayList<>();
        if (!node.partitionKeys().isEmpty()) {
            parts.add("partition: " + node.partitionKeys().stream().map(w::column).collect(Collectors.joining(", ")));
        }
        OverAggregateNode.Frame f = node.frame();
        String from = f.unbounded() ? "UNBOUNDED" : f.kind() == OverAggregateNode.Frame.Kind.RANGE
                ? interval(f.preceding()) : String.valueOf(f.preceding());
        parts.add("order: " + w.column(node.timeColumn()) + "; " + f.kind() + " BETWEEN " + from
                + " PRECEDING AND CURRENT ROW");
        List<String> calls = new ArrayList<>();
        for (OverAggregateNode.OverCall c : node.calls()) {
            String args = c.arg() < 0 ? "*" : w.column(c.arg());
            if (c.function() == OverAggregateNode.Function.LAG) {
                args += ", " + c.offset() + (c.defaultColumn() >= 0 ? ", " + w.column(c.defaultColumn()) : "");
            }
            calls.add(c.function() + "(" + args + ") AS " + ExprWriter.identifier(c.name()));
        }
        parts.add(String.join(", ", calls));
        parts.add("late rows by " + w.column(node.watermarkColumn()));
        parts.add("late: " + policy(node.late()));
        return String.join("; ", parts);
    }

    private static String topN(TopNNode node) {
        ExprWriter w = new ExprWriter(node.input().schema());
        List<String> parts = new ArrayList<>();
        if (!node.partitionKeys().isEmpty()) {
            parts.add("partition: " + node.partitionKeys().stream().map(w::column).collect(Collectors.joining(", ")));
        }
        if (node.kind() == TopNNode.Kind.DEDUPLICATE) {
            SortNode.SortKey k = node.order().get(0);
            parts.add((k.descending() ? "keep last by " : "keep first by ") + w.column(k.column()));
            if (node.watermarkColumn() >= 0) {
                parts.add("late rows by " + w.column(node.watermarkColumn()));
            }
        } else {
            parts.add("order: " + sortKeys(w, node.order()));
            String rownum = ExprWriter.identifier(node.schema().get(node.rowNumberColumn()).name());
            parts.add(node.rankStart() == 1 ? rownum + " <= " + node.rankEnd()
                    : rownum + " " + node.rankStart() + ".." + node.rankEnd());
        }
        return String.join("; ", parts);
    }

    /**
     * {@code partition: auction; order: date_time; pattern: (A B+ C); define: B AS price < PREV(price, 1);
     * measures: ...; skip past last row; within INTERVAL '1' MINUTE; late rows by _watermark}.
     */
    private static String match(MatchNode node) {
        ExprWriter in = new ExprWriter(node.input().schema());
        ExprWriter v = new ExprWriter(node.virtualSchema());
        List<String> parts = new ArrayList<>();
        if (!node.partitionKeys().isEmpty()) {
            parts.add("partition: " + node.partitionKeys().stream().map(in::column).collect(Collectors.joining(", ")));
        }
        parts.add("order: " + sortKeys(in, node.order()));
        parts.add("pattern: (" + node.pattern().describe(node.variables()) + ")");
        List<String> defines = new ArrayList<>();
        for (int i = 0; i < node.variables().size(); i++) {
            String name = node.variables().get(i);
            node.defines().get(i).ifPresent(d -> defines.add(name + " AS " + v.write(d)));
        }
        if (!defines.isEmpty()) {
            parts.add("define: " + String.join(", ", defines));
        }
        List<String> outputs = new ArrayList<>();
        for (int i = node.firstMeasure(); i < node.outputs().size(); i++) {
            outputs.add(v.write(node.outputs().get(i)) + " AS " + ExprWriter.identifier(node.schema().get(i).name()));
        }
        if (!outputs.isEmpty()) {
            parts.add("measures: " + String.join(", ", outputs));
        }
        if (node.allRows()) {
            parts.add("all rows per match");
        }
        parts.add(switch (node.skip()) {
            case PAST_LAST_ROW -> "skip past last row";
            case TO_NEXT_ROW -> "skip to next row";
            case TO_FIRST -> "skip to first " + node.variables().get(node.skipVariable());
            case TO_LAST -> "skip to last " + node.variables().get(node.skipVariable());
        });
        if (node.withinMillis() >= 0) {
            parts.add("within " + interval(node.withinMillis()));
        }
        parts.add("late rows by " + in.column(node.watermarkColumn()));
        String text = String.join("; ", parts);
        for (int i = node.input().schema().size(); i < node.virtualSchema().size(); i++) {
            String name = node.virtualSchema().get(i).name(); // a ref's text, not a column to quote
            text = text.replace(ExprWriter.identifier(name), name);
        }
        return text;
    }

    private static String interval(long millis) {
        return Durations.sqlInterval(millis);
    }

    private static String groupAndCalls(ExprWriter w, List<Integer> groupKeys, List<AggregateCall> aggCalls) {
        String group = groupKeys.isEmpty() ? ""
                : "group: " + groupKeys.stream().map(w::column).collect(Collectors.joining(", "));
        List<String> calls = new ArrayList<>();
        for (AggregateCall call : aggCalls) {
            String args = call.args().isEmpty() ? "*" : call.args().stream().map(w::column)
                    .collect(Collectors.joining(", "));
            calls.add(call.function() + "(" + (call.distinct() ? "DISTINCT " : "") + args + ")"
                    + (call.filterArg() >= 0 ? " FILTER (WHERE " + w.column(call.filterArg()) + ")" : "")
                    + " AS " + ExprWriter.identifier(call.name()));
        }
        String aggregates = String.join(", ", calls);
        return group.isEmpty() ? aggregates : aggregates.isEmpty() ? group : group + "; " + aggregates;
    }

    private static String sort(SortNode sort) {
        ExprWriter w = new ExprWriter(sort.input().schema());
        List<String> parts = new ArrayList<>();
        if (!sort.keys().isEmpty()) {
            parts.add(sortKeys(w, sort.keys()));
        }
        if (sort.offset() > 0) {
            parts.add("offset " + sort.offset());
        }
        if (sort.fetch() >= 0) {
            parts.add("fetch " + sort.fetch());
        }
        return String.join(", ", parts);
    }

    private static String sortKeys(ExprWriter w, List<SortNode.SortKey> keys) {
        List<String> parts = new ArrayList<>();
        for (SortNode.SortKey k : keys) {
            boolean defaultNulls = k.nullsFirst() != k.descending(); // NULL below every value
            parts.add(w.column(k.column()) + (k.descending() ? " DESC" : "")
                    + (defaultNulls ? "" : k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"));
        }
        return String.join(", ", parts);
    }

    private static String values(ValuesNode values) {
        List<String> rows = new ArrayList<>();
        for (List<Object> row : values.rows().subList(0, Math.min(MAX_VALUES_ROWS, values.rows().size()))) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                cells.add(ExprWriter.literal(row.get(i), values.schema().get(i).type()));
            }
            rows.add("(" + String.join(", ", cells) + ")");
        }
        if (values.rows().size() > MAX_VALUES_ROWS) {
            rows.add("... " + values.rows().size() + " rows");
        }
        return names(values.schema()) + ": " + String.join(", ", rows);
    }

    /**
     * {@code INNER, keys: auction = id, time: right date_time BETWEEN left date_time - INTERVAL '5' SECOND
     * AND left date_time + INTERVAL '10' SECOND}, then the residual if any.
     */
    private static String intervalJoin(IntervalJoinNode join) {
        ExprWriter left = new ExprWriter(join.left().schema());
        ExprWriter right = new ExprWriter(join.right().schema());
        List<String> parts = new ArrayList<>();
        parts.add(join.kind().name());
        parts.add(keys(left, join.leftKeys(), right, join.rightKeys()));
        String l = left.column(join.leftTime());
        parts.add("time: right " + right.column(join.rightTime()) + " BETWEEN " + shifted("left " + l, join.lower())
                + " AND " + shifted("left " + l, join.upper()));
        join.condition().ifPresent(c -> {
            List<Column> both = new ArrayList<>(join.left().schema().columns());
            both.addAll(join.right().schema().columns());
            parts.add("residual: " + new ExprWriter(new RowSchema(both)).write(c));
        });
        return String.join(", ", parts);
    }

    /** {@code LEFT, keys: id = auction, TUMBLE(date_time, INTERVAL '10' SECOND)}, then the residual if any. */
    private static String windowJoin(WindowJoinNode join) {
        ExprWriter left = new ExprWriter(join.left().schema());
        ExprWriter right = new ExprWriter(join.right().schema());
        List<String> parts = new ArrayList<>();
        parts.add(join.kind().name());
        parts.add(keys(left, join.leftKeys(), right, join.rightKeys()));
        parts.add(window(left, join.window()) + " and " + right.column(join.rightTime())
                + (join.attached() ? ", windows of its inputs" : ""));
        join.condition().ifPresent(c -> parts.add("residual: " + new ExprWriter(join.schema()).write(c)));
        return String.join(", ", parts);
    }

    /** {@code keys: auction = id, ...} of a join's key pairs, or {@code no keys}. */
    private static String keys(ExprWriter left, List<Integer> leftKeys, ExprWriter right, List<Integer> rightKeys) {
        if (leftKeys.isEmpty()) {
            return "no keys";
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < leftKeys.size(); i++) {
            keys.add(left.column(leftKeys.get(i)) + " = " + right.column(rightKeys.get(i)));
        }
        return "keys: " + String.join(", ", keys);
    }

    private static String shifted(String column, long millis) {
        if (millis == 0) {
            return column;
        }
        return column + (millis < 0 ? " - " : " + ") + Durations.sqlInterval(Math.abs(millis));
    }

    private static String join(HashJoinNode join) {
        ExprWriter left = new ExprWriter(join.left().schema());
        ExprWriter right = new ExprWriter(join.right().schema());
        List<String> parts = new ArrayList<>();
        parts.add(join.kind().name());
        parts.add(keys(left, join.leftKeys(), right, join.rightKeys()));
        join.condition().ifPresent(c -> {
            List<Column> both = new ArrayList<>(join.left().schema().columns());
            both.addAll(join.right().schema().columns());
            parts.add("residual: " + new ExprWriter(new RowSchema(both)).write(c));
        });
        return String.join(", ", parts);
    }

    private static String temporalJoin(TemporalJoinNode join) {
        ExprWriter left = new ExprWriter(join.left().schema());
        ExprWriter right = new ExprWriter(join.right().schema());
        List<String> parts = new ArrayList<>(List.of(join.kind().name(),
                keys(left, join.leftKeys(), right, join.rightKeys())));
        if (join.processingTime()) {
            parts.add("as of: PROCTIME() (a lookup of the current rows)");
        } else {
            parts.add("as of: " + left.column(join.leftTime()));
            parts.add("versions by: " + right.column(join.rightTime()));
        }
        join.condition().ifPresent(c -> {
            List<Column> both = new ArrayList<>(join.left().schema().columns());
            both.addAll(join.right().schema().columns().subList(0, join.rightOutput()));
            parts.add("residual: " + new ExprWriter(new RowSchema(both)).write(c));
        });
        return String.join(", ", parts);
    }
}
