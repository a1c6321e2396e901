package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.TypeMapping;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Aggregate to {@link AggregateNode}: group keys and COUNT, COUNT(*) (COUNT with no arguments),
 * SUM, MIN, MAX, AVG, ANY_VALUE, SINGLE_VALUE with DISTINCT and FILTER, and APPROX_COUNT_DISTINCT
 * (one argument). Two helper aggregates the
 * subquery rules create are rewritten: {@code LITERAL_AGG(c)} becomes the constant {@code c} and
 * {@code $SUM0(x)} becomes {@code COALESCE(SUM(x), 0)}, in a Project above the aggregate. An
 * aggregate directly on a scan reads only the columns it uses. An aggregate over a window table
 * function is a window aggregate ({@link WindowAggregateTranslator}). GROUPING SETS, ROLLUP and CUBE
 * are not supported yet. Stateless.
 */
public final class AggregateTranslator {
    private AggregateTranslator() {}

    public static PhysicalNode translate(Aggregate agg, PhysicalTranslator t) {
        if (agg.getGroupType() != Aggregate.Group.SIMPLE) {
            throw Unsupported.plural("GROUPING SETS, ROLLUP and CUBE");
        }
        PhysicalNode windowed = WindowAggregateTranslator.translate(agg, t);
        if (windowed != null) {
            return windowed;
        }
        PhysicalNode input;
        IntUnaryOperator map;
        if (agg.getInput() instanceof TableScan scan && ScanTranslator.isRelation(scan)) {
            ScanNode s = ScanTranslator.of(scan, new ArrayList<>(usedColumns(agg)));
            Map<Integer, Integer> position = new HashMap<>();
            for (int i = 0; i < s.columns().size(); i++) {
                position.put(s.columns().get(i), i);
            }
            input = s;
            map = position::get;
        } else {
            input = t.translate(agg.getInput());
            map = i -> i;
        }
        List<Integer> groupKeys = agg.getGroupSet().asList().stream().map(map::applyAsInt).toList();
        List<String> names = agg.getRowType().getFieldNames();
        List<Column> outColumns = new ArrayList<>();
        for (int k : groupKeys) {
            outColumns.add(input.schema().get(k));
        }
        for (int i = 0; i < groupKeys.size(); i++) {
            outColumns.set(i, new Column(names.get(i), outColumns.get(i).type()));
        }
        Calls calls = calls(agg, map, groupKeys.size(), t);
        outColumns.addAll(calls.columns());
        List<Expr> post = new ArrayList<>(); // the final columns, over the aggregate's output
        for (int i = 0; i < groupKeys.size(); i++) {
            post.add(new InputRef(i, outColumns.get(i).type()));
        }
        post.addAll(calls.post());
        boolean needsPost = calls.needsPost();
        AggregateNode node = new AggregateNode(input, groupKeys, calls.calls(), new RowSchema(outColumns));
        if (!needsPost) {
            return node;
        }
        return new ProjectNode(node, post, Exprs.schemaOf(names, post));
    }

    /**
     * The aggregate calls of {@code agg}, translated: the physical calls (arguments mapped to input
     * columns by {@code map}), their output columns, and one expression per Calcite call over the
     * node's output, whose calls start at column {@code firstCallColumn} (LITERAL_AGG and $SUM0
     * need such a projection: {@code needsPost}).
     */
    record Calls(List<dev.runnel.planner.physical.AggregateCall> calls, List<Column> columns, List<Expr> post,
            boolean needsPost) {}

    static Calls calls(Aggregate agg, IntUnaryOperator map, int firstCallColumn, PhysicalTranslator t) {
        List<String> names = agg.getRowType().getFieldNames();
        List<dev.runnel.planner.physical.AggregateCall> calls = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        List<Expr> post = new ArrayList<>();
        boolean needsPost = false;
        for (int i = 0; i < agg.getAggCallList().size(); i++) {
            AggregateCall call = agg.getAggCallList().get(i);
            String name = names.get(agg.getGroupCount() + i);
            DataType type = TypeMapping.toDataType(call.getType());
            List<Integer> args = call.getArgList().stream().map(map::applyAsInt).toList();
            int filter = call.filterArg < 0 ? -1 : map.applyAsInt(call.filterArg);
            switch (call.getAggregation().getKind()) {
                case LITERAL_AGG -> {
                    RexNode value = call.rexList.get(0);
                    post.add(value instanceof RexLiteral lit ? Literals.of(lit) : t.rex().translate(value));
                    needsPost = true;
                }
                case SUM0 -> {
                    DataType sumType = type.withNullable(true);
                    int index = firstCallColumn + calls.size();
                    calls.add(new dev.runnel.planner.physical.AggregateCall(AggFunction.SUM, args, call.isDistinct(),
                            filter, sumType, name));
                    columns.add(new Column(name, sumType));
                    post.add(new Call(Operator.COALESCE, List.of(new InputRef(index, sumType),
                            Coercions.castTo(new Literal(0, DataType.of(TypeKind.INT).notNull()), type)),
                            type));
                    needsPost = true;
                }
                default -> {
                    int index = firstCallColumn + calls.size();
                    AggFunction function = function(call);
                    boolean approximate = function == AggFunction.APPROX_COUNT_DISTINCT;
                    if (approximate && args.size() != 1) {
                        throw Unsupported.of("APPROX_COUNT_DISTINCT of " + args.size() + " columns (it takes one)");
                    }
                    calls.add(new dev.runnel.planner.physical.AggregateCall(function, args,
                            call.isDistinct() && !approximate, filter, type, name));
                    columns.add(new Column(name, type));
                    post.add(new InputRef(index, type));
                }
            }
        }
        return new Calls(calls, columns, post, needsPost);
    }

    private static AggFunction function(AggregateCall call) {
        if (call.getAggregation() == dev.runnel.planner.calcite.VarianceRewriter.WELFORD_M2) {
            return AggFunction.WELFORD_M2;
        }
        return switch (call.getAggregation().getKind()) {
            // APPROX_COUNT_DISTINCT(x) arrives as COUNT(APPROXIMATE DISTINCT x)
            case COUNT -> call.isApproximate() && call.isDistinct() ? AggFunction.APPROX_COUNT_DISTINCT
                    : AggFunction.COUNT;
            case SUM -> AggFunction.SUM;
            case MIN -> AggFunction.MIN;
            case MAX -> AggFunction.MAX;
            case AVG -> AggFunction.AVG;
            case ANY_VALUE -> AggFunction.ANY_VALUE;
            case SINGLE_VALUE -> AggFunction.SINGLE_VALUE;
            case FIRST_VALUE -> AggFunction.FIRST_VALUE;
            case LAST_VALUE -> AggFunction.LAST_VALUE;
            case LISTAGG -> AggFunction.LISTAGG;
            default -> throw Unsupported.of("the aggregate function " + call.getAggregation().getName());
        };
    }

    private static TreeSet<Integer> usedColumns(Aggregate agg) {
        TreeSet<Integer> used = new TreeSet<>(agg.getGroupSet().asList());
        for (AggregateCall call : agg.getAggCallList()) {
            used.addAll(call.getArgList());
            if (call.filterArg >= 0) {
                used.add(call.filterArg);
            }
        }
        return used;
    }
}
