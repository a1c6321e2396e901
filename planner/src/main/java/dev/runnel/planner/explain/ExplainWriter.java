package dev.runnel.planner.explain;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.SortNode;
import dev.runnel.planner.physical.UnionAllNode;
import dev.runnel.planner.physical.ValuesNode;
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
 * {@code Insert[target]} line. Stateless and thread-safe.
 */
public final class ExplainWriter {
    private static final int MAX_VALUES_ROWS = 3;

    private ExplainWriter() {}

    public static List<String> explain(PlannedStatement.Query query) {
        List<String> out = new ArrayList<>();
        if (query.stream()) {
            out.add("Stream");
        }
        write(query.root(), query.stream() ? 1 : 0, out);
        return out;
    }

    public static List<String> explain(PlannedStatement.Insert insert) {
        List<String> out = new ArrayList<>();
        out.add("Insert[" + insert.target().name() + "] " + storage(insert.target()));
        write(insert.source(), 1, out);
        return out;
    }

    public static List<String> explain(PhysicalNode root) {
        List<String> out = new ArrayList<>();
        write(root, 0, out);
        return out;
    }

    private static void write(PhysicalNode node, int depth, List<String> out) {
        out.add("  ".repeat(depth) + describe(node));
        for (PhysicalNode input : node.inputs()) {
            write(input, depth + 1, out);
        }
    }

    /** One line for a node. Java 17 has no pattern switch; {@code ExplainWriterTest} pins that every node kind is handled. */
    static String describe(PhysicalNode node) {
        if (node instanceof ScanNode scan) {
            return "Scan[" + scan.relation().name() + ": " + names(scan.schema()) + "] " + storage(scan.relation());
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
        if (node instanceof WindowAggregateNode w) {
            return "WindowAggregate[" + w.window().kind() + "]";
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
        ExprWriter w = new ExprWriter(agg.input().schema());
        String group = agg.groupKeys().isEmpty() ? ""
                : "group: " + agg.groupKeys().stream().map(w::column).collect(Collectors.joining(", "));
        List<String> calls = new ArrayList<>();
        for (AggregateCall call : agg.calls()) {
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
        for (SortNode.SortKey k : sort.keys()) {
            boolean defaultNulls = k.nullsFirst() == k.descending();
            parts.add(w.column(k.column()) + (k.descending() ? " DESC" : "")
                    + (defaultNulls ? "" : k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"));
        }
        if (sort.offset() > 0) {
            parts.add("offset " + sort.offset());
        }
        if (sort.fetch() >= 0) {
            parts.add("fetch " + sort.fetch());
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

    private static String join(HashJoinNode join) {
        ExprWriter left = new ExprWriter(join.left().schema());
        ExprWriter right = new ExprWriter(join.right().schema());
        List<String> parts = new ArrayList<>();
        parts.add(join.kind().name());
        if (join.leftKeys().isEmpty()) {
            parts.add("no keys");
        } else {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < join.leftKeys().size(); i++) {
                keys.add(left.column(join.leftKeys().get(i)) + " = " + right.column(join.rightKeys().get(i)));
            }
            parts.add("keys: " + String.join(", ", keys));
        }
        join.condition().ifPresent(c -> {
            List<Column> both = new ArrayList<>(join.left().schema().columns());
            both.addAll(join.right().schema().columns());
            parts.add("residual: " + new ExprWriter(new RowSchema(both)).write(c));
        });
        return String.join(", ", parts);
    }
}
