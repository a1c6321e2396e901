package dev.runnel.planner.calcite;

import dev.runnel.planner.error.Unsupported;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlGroupedWindowFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Rewrites the legacy group-window form of a logical plan into the window table function form, so
 * that one translation serves both. Before and after, for {@code SELECT auction,
 * TUMBLE_START(ts, i), TUMBLE_END(ts, i), COUNT(*) FROM bids GROUP BY TUMBLE(ts, i), auction}:
 *
 * <pre>
 * Project(auction=$1, s=$0, e=$WINDOW_END($0), n=$2)       Project(auction=$1, s=$0, e=$2, n=$3)
 *   Aggregate(group={0, 1}, n=COUNT())                        Aggregate(group={0, 1, 2}, n=COUNT())
 *     Project($TUMBLE($5, i), auction=$0)          ==&gt;          Project(window_start=$7, auction=$0, window_end=$8)
 *       B                                                         TableFunctionScan(TUMBLE(DESCRIPTOR($5), i))
 *                                                                   B
 * </pre>
 *
 * The grouped window becomes {@code window_start}; {@code window_end} is added as a group key
 * (it depends on the window), so {@code $WINDOW_END} (see {@link LegacyGroupWindows}) can read
 * it. A SESSION window is partitioned by the other group keys (sessions per key, as in Flink).
 * Filters and projections directly above the aggregate are rewritten over the new aggregate; other
 * parents see the old row type through a restoring projection. Not thread-safe (one per plan).
 */
public final class GroupWindowRewriter {
    private final RexBuilder rex;

    private GroupWindowRewriter(RexBuilder rex) {
        this.rex = rex;
    }

    public static RelNode rewrite(RelNode root) {
        return new GroupWindowRewriter(root.getCluster().getRexBuilder()).visit(root).restored();
    }

    /**
     * A rewritten node. When {@code layout} is not null, the original node's field {@code i} is
     * {@code layout[i]} over {@code rel}'s fields, and {@code startToEnd} maps the field holding a
     * window's start to the one holding its end.
     */
    private record Result(RelNode rel, RelDataType original, List<RexNode> layout, Map<Integer, Integer> startToEnd) {
        static Result same(RelNode rel) {
            return new Result(rel, rel.getRowType(), null, Map.of());
        }

        RelNode restored() {
            if (layout == null) {
                return rel;
            }
            return LogicalProject.create(rel, List.of(), layout, original.getFieldNames(), Set.of());
        }
    }

    private Result visit(RelNode node) {
        List<Result> inputs = new ArrayList<>();
        for (RelNode input : node.getInputs()) {
            inputs.add(visit(input));
        }
        if (node instanceof Aggregate agg && windowKey(agg) >= 0) {
            return windowed(agg, inputs.get(0).restored());
        }
        if (node instanceof Filter filter && inputs.get(0).layout() != null) {
            Result in = inputs.get(0);
            RexNode condition = filter.getCondition().accept(substitution(in));
            return new Result(filter.copy(filter.getTraitSet(), in.rel(), condition), in.original(), in.layout(),
                    in.startToEnd());
        }
        if (node instanceof Project project && inputs.get(0).layout() != null) {
            Result in = inputs.get(0);
            RexShuttle s = substitution(in);
            List<RexNode> exprs = project.getProjects().stream().map(e -> e.accept(s)).toList();
            return Result.same(project.copy(project.getTraitSet(), in.rel(), exprs, project.getRowType()));
        }
        List<RelNode> newInputs = inputs.stream().map(Result::restored).toList();
        return Result.same(newInputs.equals(node.getInputs()) ? node : node.copy(node.getTraitSet(), newInputs));
    }

    /** The group key computed by a legacy window call in the Project under {@code agg}, or -1. */
    private static int windowKey(Aggregate agg) {
        return agg.getInput() instanceof Project p ? windowKey(p, agg.getGroupSet()) : -1;
    }

    private static int windowKey(Project p, ImmutableBitSet groupSet) {
        for (int k : groupSet) {
            if (p.getProjects().get(k) instanceof RexCall call && call.getOperator() instanceof SqlGroupedWindowFunction f
                    && f.isGroup()) {
                return k;
            }
        }
        return -1;
    }

    private Result windowed(Aggregate agg, RelNode aggInput) {
        Project p = (Project) aggInput;
        int g = windowKey(p, agg.getGroupSet());
        RexCall window = (RexCall) p.getProjects().get(g);
        if (!(window.getOperands().get(0) instanceof RexInputRef time)) {
            throw Unsupported.of("a group window over an expression");
        }
        RelNode base = p.getInput();
        List<RexNode> keyRefs = new ArrayList<>();
        Map<Integer, Integer> keyColumns = new HashMap<>(); // SESSION: group key -> its column of the base
        if (window.getKind() == SqlKind.SESSION) {
            // sessions per group key: make the other keys columns of the input, if they are expressions
            List<RexNode> baseExprs = new ArrayList<>(identity(base));
            List<String> names = new ArrayList<>(base.getRowType().getFieldNames());
            for (int k : agg.getGroupSet()) {
                if (k == g) {
                    continue;
                }
                RexNode key = p.getProjects().get(k);
                int at = baseExprs.indexOf(key);
                if (at < 0) {
                    baseExprs.add(key);
                    names.add("$key" + k);
                    at = baseExprs.size() - 1;
                }
                keyRefs.add(rex.makeInputRef(key.getType(), at));
                keyColumns.put(k, at);
            }
            if (baseExprs.size() > base.getRowType().getFieldCount()) {
                base = LogicalProject.create(base, List.of(), baseExprs, names, Set.of());
            }
        }
        int n = base.getRowType().getFieldCount();
        RelDataTypeFactory types = rex.getTypeFactory();
        RelDataTypeFactory.Builder row = types.builder().addAll(base.getRowType().getFieldList());
        for (String name : WindowTableFunction.WINDOW_COLUMNS) {
            row.add(name, types.createSqlType(SqlTypeName.TIMESTAMP, 3));
        }
        RelDataType rowType = row.uniquify().build();
        RexNode timeDescriptor = rex.makeCall(SqlStdOperatorTable.DESCRIPTOR, time);
        List<RexNode> operands = new ArrayList<>();
        operands.add(timeDescriptor);
        WindowTableFunction function;
        switch (window.getKind()) {
            case TUMBLE -> {
                function = WindowTableFunction.TUMBLE;
                operands.add(window.getOperands().get(1));
            }
            case HOP -> {
                function = WindowTableFunction.HOP;
                operands.addAll(window.getOperands().subList(1, 3));
            }
            default -> {
                function = WindowTableFunction.SESSION;
                if (!keyRefs.isEmpty()) {
                    operands.add(rex.makeCall(SqlStdOperatorTable.DESCRIPTOR, keyRefs));
                }
                operands.add(window.getOperands().get(1));
            }
        }
        RexNode call = rex.makeCall(rowType, function, operands);
        RelNode tvf = LogicalTableFunctionScan.create(agg.getCluster(), List.of(base), call, null, rowType, null);

        // the aggregate's input: the same columns over the window function, window_end appended
        List<RexNode> exprs = new ArrayList<>();
        RelDataType keyType = window.getType(); // the window columns keep the type the old group key had
        for (int j = 0; j < p.getProjects().size(); j++) {
            exprs.add(j == g ? rex.ensureType(keyType, rex.makeInputRef(tvf, n), false)
                    : keyColumns.containsKey(j) ? rex.makeInputRef(tvf, keyColumns.get(j)) : p.getProjects().get(j));
        }
        exprs.add(rex.ensureType(keyType, rex.makeInputRef(tvf, n + 1), false));
        List<String> names = new ArrayList<>(p.getRowType().getFieldNames());
        names.set(g, "window_start");
        names.add("window_end");
        RelNode newInput = LogicalProject.create(tvf, List.of(), exprs, SqlValidatorUtil.uniquify(names, true),
                Set.of());
        ImmutableBitSet groupSet = agg.getGroupSet().union(ImmutableBitSet.of(p.getProjects().size()));
        Aggregate newAgg = agg.copy(agg.getTraitSet(), newInput, groupSet, null, agg.getAggCallList());

        int keys = agg.getGroupCount();
        List<RexNode> layout = new ArrayList<>();
        Map<Integer, Integer> startToEnd = new HashMap<>();
        int position = 0;
        for (int k : agg.getGroupSet()) {
            if (k == g) {
                startToEnd.put(position, keys);
            }
            layout.add(rex.makeInputRef(newAgg, position++));
        }
        for (int c = 0; c < agg.getAggCallList().size(); c++) {
            layout.add(rex.makeInputRef(newAgg, keys + 1 + c));
        }
        return new Result(newAgg, agg.getRowType(), layout, startToEnd);
    }

    private static List<RexNode> identity(RelNode rel) {
        List<RexNode> refs = new ArrayList<>();
        for (int i = 0; i < rel.getRowType().getFieldCount(); i++) {
            refs.add(RexInputRef.of(i, rel.getRowType()));
        }
        return refs;
    }

    /** Rewrites an expression over the original node into one over the rewritten node. */
    private RexShuttle substitution(Result in) {
        return new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return in.layout().get(ref.getIndex());
            }

            @Override
            public RexNode visitCall(RexCall call) {
                if (call.getOperator() == RunnelFunctions.WINDOW_END) {
                    RexNode start = call.getOperands().get(0).accept(this);
                    if (start instanceof RexInputRef ref && in.startToEnd().containsKey(ref.getIndex())) {
                        return RexInputRef.of(in.startToEnd().get(ref.getIndex()), in.rel().getRowType());
                    }
                    return rex.makeCall(call.getType(), call.getOperator(), List.of(start));
                }
                return super.visitCall(call);
            }
        };
    }
}
