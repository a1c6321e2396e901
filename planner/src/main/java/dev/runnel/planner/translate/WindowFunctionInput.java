package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.RunnelFunctions;
import dev.runnel.planner.calcite.WindowTableFunction;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.ddl.LateOptions;
import dev.runnel.planner.error.SqlState;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A window table function (TUMBLE, HOP, CUMULATE, SESSION) under a chain of projections and
 * filters, as the operator above the chain sees it: {@code exprs} are the chain's output columns
 * and {@code conditions} its filters, both over the function's columns (the columns of
 * {@code base}, the function's input, then {@code window_start}, {@code window_end} and
 * {@code window_time}). What the window aggregate and the window Top-N translators share. Immutable.
 */
record WindowFunctionInput(TableFunctionScan tvf, RexCall call, WindowTableFunction function, RelNode base,
        List<RexNode> exprs, List<RexNode> conditions) {

    /** The window's parameters, from the function call's operands (durations in milliseconds). */
    record Params(int time, long size, long slide, long gap, long offset, List<Integer> sessionKeys) {}

    /** The window function under the Project/Filter chain {@code rel}, or null when there is none. */
    static WindowFunctionInput find(RelNode rel) {
        List<RelNode> above = new ArrayList<>();
        RelNode r = rel;
        while (r instanceof Project || r instanceof Filter) {
            above.add(r);
            r = r.getInput(0);
        }
        if (!(r instanceof TableFunctionScan tvf) || !(tvf.getCall() instanceof RexCall call)
                || !(call.getOperator() instanceof WindowTableFunction function)) {
            return null;
        }
        if (tvf.getInputs().size() != 1) {
            // Calcite makes each branch of a UNION operand an input of its own
            throw Unsupported.of("a window over a UNION: window a stream, optionally filtered and projected,");
        }
        List<RexNode> exprs = new ArrayList<>();
        for (int i = 0; i < tvf.getRowType().getFieldCount(); i++) {
            exprs.add(RexInputRef.of(i, tvf.getRowType()));
        }
        List<RexNode> conditions = new ArrayList<>();
        for (int i = above.size() - 1; i >= 0; i--) {
            RexShuttle over = substitute(exprs);
            if (above.get(i) instanceof Filter f) {
                conditions.add(f.getCondition().accept(over));
            } else {
                exprs = ((Project) above.get(i)).getProjects().stream().map(e -> e.accept(over)).toList();
            }
        }
        return new WindowFunctionInput(tvf, call, function, tvf.getInputs().get(0), exprs, conditions);
    }

    /** The number of columns of {@link #base}: {@code window_start} is column {@code width()} of the function. */
    int width() {
        return base.getRowType().getFieldCount();
    }

    /** The function's {@code window_start}, {@code window_end} and {@code window_time} columns. */
    ImmutableBitSet windowColumns() {
        return ImmutableBitSet.range(width(), width() + 3);
    }

    /** Fails when a filter between the function and its consumer reads a window column. */
    void checkNoWindowFilter(String consumer) {
        for (RexNode c : conditions) {
            if (RelOptUtil.InputFinder.bits(c).intersects(windowColumns())) {
                throw Unsupported.of("a filter on window_start, window_end or window_time before the " + consumer);
            }
        }
    }

    /** {@code e} over the function's columns with the window columns' types' nullability casts removed. */
    static RexNode stripNullabilityCast(RexNode e) {
        if (e.getKind() == SqlKind.CAST && e instanceof RexCall c && c.getOperands().get(0) instanceof RexInputRef ref
                && c.getType().getSqlTypeName() == ref.getType().getSqlTypeName()) {
            return ref;
        }
        return e;
    }

    Params params() {
        List<RexNode> ops = call.getOperands();
        int time = descriptorColumns(ops.get(0)).get(0);
        return switch (function.kind()) {
            case TUMBLE -> new Params(time, millis(ops.get(1)), 0, 0, ops.size() > 2 ? millis(ops.get(2)) : 0,
                    List.of());
            case HOP, CUMULATE -> new Params(time, millis(ops.get(2)), millis(ops.get(1)), 0,
                    ops.size() > 3 ? millis(ops.get(3)) : 0, List.of());
            case SESSION -> ops.size() > 2
                    ? new Params(time, 0, 0, millis(ops.get(2)), 0, descriptorColumns(ops.get(1)))
                    : new Params(time, 0, 0, millis(ops.get(1)), 0, List.of());
        };
    }

    /** The spec of this window over a node input whose time column is {@code time}. */
    WindowSpec spec(Params p, int time, List<Integer> partitionKeys) {
        return new WindowSpec(function.kind(), time, p.size(), p.slide(), p.gap(), p.offset(), partitionKeys);
    }

    /**
     * The stream whose time attribute the window is on; a window on any other column is an error
     * (42000): it must be the stream's WATERMARK FOR column, reached through plain column references.
     */
    RelationDef relation(Params p) {
        WindowInputs.Origin origin = WindowInputs.origin(base, p.time());
        RelationDef relation = origin == null ? null : origin.relation();
        if (relation == null || relation.watermark().isEmpty() || relation.watermark().get().column() != origin.column()) {
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "window on '"
                    + base.getRowType().getFieldNames().get(p.time()) + "', which is not a time attribute",
                    SourcePos.UNKNOWN);
        }
        return relation;
    }

    /** Whether the window is on processing time: its time column is {@code PROCTIME()}, through plain column references. */
    boolean processingTime(Params p) {
        RelNode rel = base;
        int field = p.time();
        while (true) {
            if (rel instanceof Filter f) {
                rel = f.getInput();
            } else if (rel instanceof Project project) {
                RexNode e = stripNullabilityCast(project.getProjects().get(field));
                if (e instanceof RexInputRef ref) {
                    rel = project.getInput();
                    field = ref.getIndex();
                } else {
                    return e instanceof RexCall call && call.getOperator().getName().equalsIgnoreCase(RunnelFunctions.PROCTIME.getName());
                }
            } else {
                return false;
            }
        }
    }

    /**
     * Under {@code late = 'route'} late rows are routed unchanged, so a window node's input has every
     * column of the stream, under its name: adds them first.
     */
    void addRoutedColumns(RelationDef relation, Map<RexNode, Integer> needed, List<String> names) {
        if (LateOptions.policy(relation).kind() != LatePolicy.Kind.ROUTE) {
            return;
        }
        List<String> baseNames = base.getRowType().getFieldNames();
        for (Column c : relation.columns()) {
            for (int i = 0; i < baseNames.size(); i++) {
                if (baseNames.get(i).equalsIgnoreCase(c.name())) {
                    add(needed, names, RexInputRef.of(i, base.getRowType()), c.name());
                    break;
                }
            }
        }
    }

    /** Adds {@code e} (named {@code name}) to the columns a window node's input needs; its position. */
    static int add(Map<RexNode, Integer> needed, List<String> names, RexNode e, String name) {
        Integer at = needed.get(e);
        if (at == null) {
            at = needed.size();
            needed.put(e, at);
            names.add(name);
        }
        return at;
    }

    static RexShuttle substitute(List<RexNode> exprs) {
        return new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return exprs.get(ref.getIndex());
            }
        };
    }

    /** Pushes filters down, drops unused columns below the window and merges the projections that leaves. */
    static RelNode simplify(RelNode rel) {
        RelNode filtered = hep(rel, List.of(CoreRules.FILTER_PROJECT_TRANSPOSE, CoreRules.FILTER_MERGE));
        RelNode trimmed = new RelFieldTrimmer(null, RelFactories.LOGICAL_BUILDER.create(rel.getCluster(), null))
                .trim(filtered);
        return hep(trimmed, List.of(CoreRules.PROJECT_MERGE, CoreRules.PROJECT_REMOVE));
    }

    private static RelNode hep(RelNode rel, List<RelOptRule> rules) {
        HepProgramBuilder program = new HepProgramBuilder().addMatchOrder(HepMatchOrder.DEPTH_FIRST)
                .addRuleCollection(rules);
        HepPlanner planner = new HepPlanner(program.build());
        planner.setRoot(rel);
        return planner.findBestExp();
    }

    private static List<Integer> descriptorColumns(RexNode descriptor) {
        List<Integer> columns = new ArrayList<>();
        for (RexNode o : ((RexCall) descriptor).getOperands()) {
            if (!(o instanceof RexInputRef ref)) {
                throw Unsupported.of("this DESCRIPTOR");
            }
            columns.add(ref.getIndex());
        }
        return columns;
    }

    private static long millis(RexNode e) {
        if (e instanceof RexLiteral lit) {
            return lit.getValueAs(BigDecimal.class).longValueExact();
        }
        if (e.getKind() == SqlKind.MINUS_PREFIX && e instanceof RexCall c) {
            return -millis(c.getOperands().get(0));
        }
        throw Unsupported.of("a window interval that is not a literal");
    }
}
