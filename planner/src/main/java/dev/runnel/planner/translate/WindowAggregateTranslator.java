package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.TypeMapping;
import dev.runnel.planner.calcite.WindowTableFunction;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.ddl.LateOptions;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * An Aggregate over a window table function (Flink's window aggregation) to
 * {@link WindowAggregateNode}, plus a {@link ProjectNode} giving the query's column order:
 *
 * <pre>
 * Aggregate(group={ws, we, auction}, n=COUNT())          Project[window_start, window_end, auction, n]
 *   [Project/Filter over the function's columns]    ==&gt;     WindowAggregate[TUMBLE(date_time, ...); group: auction; COUNT(*) AS n]
 *     TableFunctionScan(TUMBLE(DESCRIPTOR(ts), size))          Scan[bids: auction, date_time, _watermark]
 *       B (filters and projections over one stream)
 * </pre>
 *
 * The GROUP BY must hold {@code window_start} and {@code window_end} (and may hold
 * {@code window_time}, computed as {@code window_end - 1 ms}); a SESSION window's other keys must be
 * its PARTITION BY columns. The node's input is {@code B} with the filters above the function,
 * reduced to the columns the aggregate uses, the time column and {@code _watermark} (the scan's
 * metadata column, carried up through B); under {@code late = 'route'} it has every column of the
 * stream too, so that late rows reach the route target unchanged. The late-row policy is the stream's
 * ({@link LateOptions}). A window on a {@code PROCTIME()} column is on processing time: no
 * {@code _watermark}, late policy DROP. Anything else over a window function is "not supported yet".
 * Stateless.
 */
final class WindowAggregateTranslator {
    private static final DataType WINDOW_TYPE = DataType.of(TypeKind.TIMESTAMP).notNull();

    private WindowAggregateTranslator() {}

    /** What a column of the aggregate's input is. */
    private enum Role { VALUE, WINDOW_START, WINDOW_END, WINDOW_TIME }

    /** The window aggregate for {@code agg}, or null when {@code agg} is not over a window table function. */
    static PhysicalNode translate(Aggregate agg, PhysicalTranslator t) {
        WindowFunctionInput in = WindowFunctionInput.find(agg.getInput());
        if (in == null) {
            return null;
        }
        WindowTableFunction function = in.function();
        RelNode base = in.base();
        int n = in.width();
        List<RexNode> exprs = in.exprs();
        List<RexNode> conditions = in.conditions();
        ImmutableBitSet windowColumns = in.windowColumns();
        in.checkNoWindowFilter("aggregate");
        List<Role> roles = roles(exprs, n, windowColumns);
        ImmutableBitSet group = agg.getGroupSet();
        Set<Role> grouped = new HashSet<>();
        group.forEach(k -> grouped.add(roles.get(k)));
        if (!grouped.contains(Role.WINDOW_START) || !grouped.contains(Role.WINDOW_END)) {
            throw Unsupported.of("an aggregate over " + function.getName() + " that does not GROUP BY window_start"
                    + " and window_end");
        }
        Set<Integer> aggregated = usedByCalls(agg);
        for (int j : aggregated) {
            if (roles.get(j) != Role.VALUE) {
                throw Unsupported.of("aggregating window_start, window_end or window_time");
            }
        }
        if (grouped.contains(null)) {
            throw Unsupported.of("grouping by an expression over window_start, window_end or window_time");
        }

        WindowFunctionInput.Params p = in.params();
        boolean processingTime = in.processingTime(p);
        // on processing time the window fires by the clock: no _watermark, no late policy of a stream
        WindowInputs.WithWatermark withWatermark = processingTime ? null : WindowInputs.withWatermark(base);
        RelationDef relation = processingTime ? null : in.relation(p);
        if (function.kind() == WindowSpec.Kind.SESSION) {
            checkSessionKeys(agg, exprs, roles, p.sessionKeys());
        }

        // the node's input: B with the filters, projected to what the aggregate, the window and lateness need
        Map<RexNode, Integer> needed = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        int[] position = new int[exprs.size()];
        if (!processingTime) {
            in.addRoutedColumns(relation, needed, names);
        }
        List<String> inputNames = agg.getInput().getRowType().getFieldNames();
        for (int j = 0; j < exprs.size(); j++) {
            position[j] = -1;
            if (roles.get(j) == Role.VALUE && (group.get(j) || aggregated.contains(j))) {
                position[j] = WindowFunctionInput.add(needed, names, exprs.get(j), inputNames.get(j));
            }
        }
        RexInputRef timeRef = RexInputRef.of(p.time(), base.getRowType());
        int time = WindowFunctionInput.add(needed, names, timeRef, base.getRowType().getFieldNames().get(p.time()));
        int watermark = processingTime ? -1 : WindowFunctionInput.add(needed, names, RexInputRef.of(
                withWatermark.watermark(), withWatermark.rel().getRowType()), "_watermark");
        List<Integer> partitionKeys = new ArrayList<>();
        for (int key : p.sessionKeys()) {
            partitionKeys.add(WindowFunctionInput.add(needed, names, RexInputRef.of(key, base.getRowType()), "key"));
        }
        RelBuilder b = RelFactories.LOGICAL_BUILDER.create(agg.getCluster(), null);
        RelNode below = b.push(processingTime ? base : withWatermark.rel()).filter(conditions)
                .project(new ArrayList<>(needed.keySet()), names, true).build();
        PhysicalNode input = t.translate(WindowFunctionInput.simplify(below));

        // the window aggregate: value keys, window_start, window_end, calls
        List<Integer> groupKeys = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        List<String> aggNames = agg.getRowType().getFieldNames();
        int k = 0;
        for (int j : group) {
            if (roles.get(j) == Role.VALUE) {
                groupKeys.add(position[j]);
                columns.add(new Column(aggNames.get(k), input.schema().get(position[j]).type()));
            }
            k++;
        }
        int start = groupKeys.size();
        columns.add(new Column("window_start", WINDOW_TYPE));
        columns.add(new Column("window_end", WINDOW_TYPE));
        AggregateTranslator.Calls calls = AggregateTranslator.calls(agg, j -> position[j], start + 2, t);
        columns.addAll(calls.columns());
        WindowSpec spec = in.spec(p, time, partitionKeys);
        WindowAggregateNode node = new WindowAggregateNode(input, spec, watermark, groupKeys, calls.calls(),
                processingTime ? LatePolicy.DROP : LateOptions.policy(relation), processingTime, new RowSchema(columns));

        // the aggregate's row: its group keys in order (window_time from window_end), then its calls
        List<Expr> out = new ArrayList<>();
        int value = 0;
        for (int j : group) {
            int key = roles.get(j) == Role.VALUE ? value++ : -1;
            out.add(switch (roles.get(j)) {
                case VALUE -> new InputRef(key, columns.get(key).type());
                case WINDOW_START -> new InputRef(start, WINDOW_TYPE);
                case WINDOW_END -> new InputRef(start + 1, WINDOW_TYPE);
                case WINDOW_TIME -> new Call(Operator.MINUS, List.of(new InputRef(start + 1, WINDOW_TYPE),
                        new Literal(1L, DataType.of(TypeKind.INTERVAL_DAY_TIME).notNull())), WINDOW_TYPE);
            });
        }
        out.addAll(calls.post());
        List<Expr> typed = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            typed.add(Coercions.castTo(out.get(i), TypeMapping.toDataType(agg.getRowType().getFieldList().get(i)
                    .getType()).withNullable(out.get(i).type().nullable())));
        }
        return new ProjectNode(node, typed, Exprs.schemaOf(aggNames, typed));
    }

    private static List<Role> roles(List<RexNode> exprs, int n, ImmutableBitSet windowColumns) {
        List<Role> roles = new ArrayList<>(exprs.size());
        for (RexNode e : exprs) {
            RexNode x = WindowFunctionInput.stripNullabilityCast(e);
            if (x instanceof RexInputRef ref && ref.getIndex() >= n) {
                roles.add(Role.values()[1 + ref.getIndex() - n]);
            } else if (RelOptUtil.InputFinder.bits(e).intersects(windowColumns)) {
                roles.add(null); // an expression over a window column: not usable by a window aggregate
            } else {
                roles.add(Role.VALUE);
            }
        }
        return roles;
    }

    private static Set<Integer> usedByCalls(Aggregate agg) {
        Set<Integer> used = new HashSet<>();
        agg.getAggCallList().forEach(c -> {
            used.addAll(c.getArgList());
            if (c.filterArg >= 0) {
                used.add(c.filterArg);
            }
        });
        return used;
    }

    /** A SESSION is per key: its other group keys must be exactly its PARTITION BY columns. */
    private static void checkSessionKeys(Aggregate agg, List<RexNode> exprs, List<Role> roles, List<Integer> keys) {
        Set<RexNode> grouped = new HashSet<>();
        for (int j : agg.getGroupSet()) {
            if (roles.get(j) == Role.VALUE) {
                grouped.add(exprs.get(j));
            }
        }
        Set<Integer> groupedColumns = new HashSet<>();
        boolean plain = true;
        for (RexNode g : grouped) {
            if (g instanceof RexInputRef ref) {
                groupedColumns.add(ref.getIndex());
            } else {
                plain = false;
            }
        }
        if (!plain || !groupedColumns.equals(new HashSet<>(keys))) {
            throw Unsupported.of("a SESSION window aggregate whose GROUP BY keys (besides window_start and"
                    + " window_end) are not its PARTITION BY columns");
        }
    }
}
