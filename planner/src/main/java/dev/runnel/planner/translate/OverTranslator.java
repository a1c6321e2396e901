package dev.runnel.planner.translate;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.ddl.LateOptions;
import dev.runnel.planner.error.UnsupportedOver;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.OverAggregateNode;
import dev.runnel.planner.physical.OverAggregateNode.Frame;
import dev.runnel.planner.physical.OverAggregateNode.Function;
import dev.runnel.planner.physical.OverAggregateNode.OverCall;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.calcite.TypeMapping;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.tools.RelBuilder;

/**
 * OVER aggregates on a stream to {@link OverAggregateNode}: a Project whose expressions call
 * {@code COUNT}, {@code SUM}, {@code MIN}, {@code MAX} (Calcite writes {@code AVG} as SUM / COUNT
 * and {@code SUM} as {@code CASE WHEN COUNT > 0 THEN SUM END}) or {@code LAG} with OVER, all over
 * one window: {@code PARTITION BY} any expressions, {@code ORDER BY} the stream's event-time column
 * ascending, a frame from {@code UNBOUNDED} or {@code n PRECEDING} to {@code CURRENT ROW}. The node's
 * input is the Project's input cut to the columns it reads plus the keys, arguments and
 * {@code _watermark}; the Project's row is computed over the node with each OVER call read from
 * its column. Ranking functions keep their errors (a filtered ROW_NUMBER is a Top-N, found before
 * this); anything else Flink refuses on streams is refused here with its reason. Stateless.
 */
final class OverTranslator {
    private OverTranslator() {}

    static PhysicalNode translate(Project project, PhysicalTranslator t) {
        List<RexOver> overs = overs(project);
        RexOver first = overs.get(0);
        RexWindow window = first.getWindow();
        for (RexOver over : overs) {
            switch (over.getOperator().getKind()) {
                case ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE -> throw RexTranslator.over(over);
                default -> { }
            }
            if (!over.getWindow().toString().equals(window.toString())) {
                throw error(over, "OVER calls with different windows in one SELECT are not supported (Flink"
                        + " neither): give every call the same PARTITION BY, ORDER BY and frame, or use two queries");
            }
        }
        String name = first.getOperator().getName();
        RelNode input = project.getInput();
        if (window.orderKeys.size() != 1) {
            throw error(first, "OVER windows' ordering in stream mode must be defined on a time attribute: ORDER BY"
                    + " exactly one column, the stream's event-time column (its WATERMARK FOR)");
        }
        RexFieldCollation order = window.orderKeys.get(0);
        if (!(order.left instanceof RexInputRef timeRef) || !TopNTranslator.eventTime(input, timeRef.getIndex())) {
            throw error(first, "OVER windows' ordering in stream mode must be defined on a time attribute: ORDER BY"
                    + " the stream's event-time column (its WATERMARK FOR), not " + (order.left instanceof RexInputRef r
                            ? input.getRowType().getFieldNames().get(r.getIndex()) : order.left.toString()));
        }
        if (order.getDirection().isDescending()) {
            throw error(first, "an OVER window on a stream can only be ordered ascending (ORDER BY "
                    + input.getRowType().getFieldNames().get(timeRef.getIndex()) + " DESC needs rows that come later)");
        }
        Frame frame = frame(first, window);
        WindowInputs.Origin origin = WindowInputs.origin(input, timeRef.getIndex());
        LatePolicy late = LateOptions.policy(origin.relation());
        if (late.kind() == LatePolicy.Kind.UPDATE) {
            throw error(first, "OVER aggregates over a stream with late = 'update' are not supported (the rows they"
                    + " emit cannot be taken back; use late = 'drop' or 'route')");
        }

        // the node's input: what the Project reads, the keys, arguments and defaults, the time and _watermark
        WindowInputs.WithWatermark withWatermark = WindowInputs.withWatermark(input);
        RelNode below = withWatermark.rel();
        Map<RexNode, Integer> needed = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<String> inputNames = below.getRowType().getFieldNames();
        if (late.kind() == LatePolicy.Kind.ROUTE) { // routed rows go unchanged: every column of the stream
            for (Column c : origin.relation().columns()) {
                int i = inputNames.indexOf(c.name());
                if (i >= 0) {
                    WindowFunctionInput.add(needed, names, RexInputRef.of(i, below.getRowType()), c.name());
                }
            }
        }
        RexShuttle outside = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                WindowFunctionInput.add(needed, names, ref, inputNames.get(ref.getIndex()));
                return ref;
            }

            @Override
            public RexNode visitOver(RexOver over) {
                return over;
            }
        };
        project.getProjects().forEach(e -> e.accept(outside));
        List<Integer> keys = new ArrayList<>();
        for (RexNode k : window.partitionKeys) {
            keys.add(WindowFunctionInput.add(needed, names, k, k instanceof RexInputRef r ? inputNames.get(r.getIndex())
                    : "key" + keys.size()));
        }
        int time = WindowFunctionInput.add(needed, names, timeRef, inputNames.get(timeRef.getIndex()));
        int watermark = WindowFunctionInput.add(needed, names, RexInputRef.of(withWatermark.watermark(),
                below.getRowType()), "_watermark");
        List<int[]> callColumns = new ArrayList<>(); // arg, default
        for (RexOver over : overs) {
            List<RexNode> operands = over.getOperands();
            int arg = operands.isEmpty() ? -1 : WindowFunctionInput.add(needed, names, operands.get(0), "arg");
            int dflt = operands.size() > 2 ? WindowFunctionInput.add(needed, names, operands.get(2), "default") : -1;
            callColumns.add(new int[] {arg, dflt});
        }
        RelBuilder b = RelFactories.LOGICAL_BUILDER.create(project.getCluster(), null);
        RelNode trimmed = b.push(below).project(new ArrayList<>(needed.keySet()), names, true).build();
        PhysicalNode in = t.translate(WindowFunctionInput.simplify(trimmed));

        // the node: the input's columns, then one per OVER call
        List<Column> columns = new ArrayList<>(in.schema().columns());
        List<OverCall> calls = new ArrayList<>();
        for (int i = 0; i < overs.size(); i++) {
            RexOver over = overs.get(i);
            String callName = "over" + i; // or the output's name, where the output is the call itself
            for (int j = 0; j < project.getProjects().size(); j++) {
                if (project.getProjects().get(j).toString().equals(over.toString())
                        && !names.contains(project.getRowType().getFieldNames().get(j))) {
                    callName = project.getRowType().getFieldNames().get(j);
                    break;
                }
            }
            calls.add(call(over, callColumns.get(i), callName));
            columns.add(new Column(callName, calls.get(i).type()));
        }
        OverAggregateNode node = new OverAggregateNode(in, keys, time, watermark, frame, calls, late,
                new RowSchema(columns));

        // the Project's row over the node
        int width = in.schema().size();
        RexShuttle toNode = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(needed.get(ref), ref.getType());
            }

            @Override
            public RexNode visitOver(RexOver over) {
                return new RexInputRef(width + indexOf(overs, over), over.getOperator().getKind()
                        == org.apache.calcite.sql.SqlKind.LAG ? project.getCluster().getTypeFactory()
                        .createTypeWithNullability(over.getType(), true) : over.getType());
            }
        };
        List<Expr> exprs = new ArrayList<>();
        List<RexNode> projects = project.getProjects();
        for (int i = 0; i < projects.size(); i++) {
            exprs.add(WindowTopNTranslator.typed(t.rex().translate(projects.get(i).accept(toNode)), project, i));
        }
        return new ProjectNode(node, exprs, Exprs.schemaOf(project.getRowType().getFieldNames(), exprs));
    }

    /** The distinct OVER calls of {@code project}, in order of appearance. */
    private static List<RexOver> overs(Project project) {
        List<RexOver> overs = new ArrayList<>();
        RexVisitorImpl<Void> finder = new RexVisitorImpl<>(true) {
            @Override
            public Void visitOver(RexOver over) {
                if (indexOf(overs, over) < 0) {
                    overs.add(over);
                }
                return null;
            }
        };
        project.getProjects().forEach(e -> e.accept(finder));
        return overs;
    }

    private static int indexOf(List<RexOver> overs, RexOver over) {
        for (int i = 0; i < overs.size(); i++) {
            if (overs.get(i).toString().equals(over.toString())) {
                return i;
            }
        }
        return -1;
    }

    private static Frame frame(RexOver over, RexWindow window) {
        RexWindowBound lower = window.getLowerBound();
        RexWindowBound upper = window.getUpperBound();
        if (upper.isFollowing() || lower.isFollowing() || upper.isPreceding() && !upper.isCurrentRow()) {
            throw error(over, "an OVER frame on a stream must end at CURRENT ROW (FOLLOWING needs rows that come"
                    + " later, which Flink does not support either)");
        }
        Frame.Kind kind = window.isRows() ? Frame.Kind.ROWS : Frame.Kind.RANGE;
        if (lower.isUnbounded()) {
            return new Frame(kind, -1);
        }
        if (lower.isCurrentRow()) {
            return new Frame(kind, 0);
        }
        if (!(lower.getOffset() instanceof RexLiteral literal) || literal.getValueAs(BigDecimal.class) == null) {
            throw error(over, "an OVER frame's PRECEDING bound must be a constant");
        }
        long preceding = literal.getValueAs(BigDecimal.class).longValueExact();
        if (preceding < 0) {
            throw error(over, "an OVER frame's PRECEDING bound must not be negative");
        }
        return new Frame(kind, preceding);
    }

    private static OverCall call(RexOver over, int[] columns, String name) {
        String function = over.getOperator().getName();
        dev.runnel.sql.type.DataType type = TypeMapping.toDataType(over.getType());
        return switch (over.getOperator().getKind()) {
            case COUNT -> {
                if (over.isDistinct()) {
                    throw error(over, "COUNT(DISTINCT ...) OVER is not supported yet");
                }
                yield new OverCall(Function.COUNT, columns[0], 0, -1, type, name);
            }
            case SUM, SUM0 -> new OverCall(Function.SUM, columns[0], 0, -1, type, name);
            case MIN -> new OverCall(Function.MIN, columns[0], 0, -1, type, name);
            case MAX -> new OverCall(Function.MAX, columns[0], 0, -1, type, name);
            case LAG -> {
                int offset = 1;
                if (over.getOperands().size() > 1) {
                    if (!(over.getOperands().get(1) instanceof RexLiteral n) || n.getValueAs(Integer.class) == null
                            || n.getValueAs(Integer.class) < 0) {
                        throw error(over, "LAG's offset must be a constant whole number >= 0");
                    }
                    offset = n.getValueAs(Integer.class);
                }
                // nullable whatever Calcite says: the row n back may hold a NULL even with a NOT NULL default
                yield new OverCall(Function.LAG, columns[0], offset, columns[1], type.withNullable(true), name);
            }
            case LEAD -> throw error(over, "LEAD is not supported on streams (Flink neither: it needs the rows"
                    + " that come later); LAG over the same window gives the previous rows");
            default -> throw error(over, function + "(...) OVER is not supported yet (OVER takes COUNT, SUM, AVG,"
                    + " MIN, MAX and LAG)");
        };
    }

    private static UnsupportedOver error(RexOver over, String message) {
        return new UnsupportedOver(over.getOperator().getName(), message);
    }
}
