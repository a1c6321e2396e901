package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.TypeMapping;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.ddl.LateOptions;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.SortNode.SortKey;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.planner.physical.WindowTopNNode;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Flink's window Top-N and window deduplication to {@link WindowTopNNode}: a Filter on the row
 * number of a Project holding {@code ROW_NUMBER() OVER (PARTITION BY window_start, window_end
 * [, keys] ORDER BY ...)}, over a window table function or a window aggregate:
 *
 * <pre>
 * Filter(rownum &lt;= 3)                                      Project[..., rownum]
 *   Project(..., rownum=ROW_NUMBER() OVER (...))    ==&gt;      WindowTopN[TUMBLE(...); order: price DESC; rownum &lt;= 3]
 *     [Project/Filter] TableFunctionScan(TUMBLE)                  Scan[bids: ..., date_time, _watermark]
 * </pre>
 *
 * The filter's conjuncts on the row number ({@code <=, <, =, >=, >} against constants) give the rank
 * range, which must have an upper bound; its other conjuncts filter the ranked rows. Over a window
 * function (TUMBLE, HOP, CUMULATE) the node assigns the windows itself from the stream's scan, as
 * a window aggregate does, and decides lateness by {@code _watermark} under the stream's late
 * policy (not {@code update}); {@code rownum = 1} ordered by the time attribute is a window
 * deduplication. Over a window aggregate (found by following the PARTITION BY columns to its
 * {@code window_start} and {@code window_end}) the rows already carry their window. Over anything
 * else, without window columns in the PARTITION BY, it is a regular Top-N ({@link TopNTranslator}).
 * RANK or DENSE_RANK is "not supported yet" at the OVER call. Stateless.
 */
final class WindowTopNTranslator {
    private static final DataType WINDOW_TYPE = DataType.of(TypeKind.TIMESTAMP).notNull();
    private static final DataType ROW_NUMBER_TYPE = DataType.of(TypeKind.BIGINT).notNull();

    private WindowTopNTranslator() {}

    /** The rank range of the filter and the conjuncts it leaves. */
    private record Range(long start, long end, List<RexNode> rest) {}

    /** What the query's ROW_NUMBER() call is: its column in the Project, the call, the function name. */
    private record RowNumber(Project project, int column, RexOver over, String name) {
        RexWindow window() {
            return over.getWindow();
        }
    }

    static RuntimeException rankError(String name) {
        return Unsupported.over(name, name + "() OVER (window Top-N and deduplication take ROW_NUMBER())");
    }

    private static RuntimeException noWindowPartition(String name) {
        return Unsupported.over(name, "ROW_NUMBER() OVER without PARTITION BY window_start, window_end of a window"
                + " table function or window aggregate (regular Top-N and deduplication)");
    }

    /** The window Top-N {@code filter} asks for, or null when it does not filter a Project with an OVER call. */
    static PhysicalNode translate(Filter filter, PhysicalTranslator t) {
        if (!(filter.getInput() instanceof Project project)) {
            return null;
        }
        RowNumber rn = rowNumber(project);
        if (rn == null) {
            return null;
        }
        RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
        Range range = range(filter.getCondition(), rn, rexBuilder);
        if (rn.window().orderKeys.isEmpty()) {
            throw Unsupported.over(rn.name(), "ROW_NUMBER() OVER without ORDER BY");
        }
        WindowFunctionInput tvf = WindowFunctionInput.find(project.getInput());
        PhysicalNode ranked = tvf != null ? overWindowFunction(rn, range, tvf, t) : overWindowAggregate(rn, range, t);
        if (range.rest().isEmpty()) {
            return ranked;
        }
        return new FilterNode(ranked, t.rex().translate(RexUtil.composeConjunction(rexBuilder, range.rest())));
    }

    /**
     * The Project's one OVER call, if it is ROW_NUMBER(); null when it has no ranking call (OVER
     * aggregates go to {@link OverTranslator}); an error for anything else.
     */
    private static RowNumber rowNumber(Project project) {
        RowNumber found = null;
        List<RexNode> projects = project.getProjects();
        if (projects.stream().noneMatch(WindowTopNTranslator::ranks)) {
            return null;
        }
        for (int i = 0; i < projects.size(); i++) {
            RexNode e = projects.get(i);
            if (!RexOver.containsOver(e)) {
                continue;
            }
            if (!(e instanceof RexOver over)) {
                throw Unsupported.of("an expression over an OVER call");
            }
            String name = over.getOperator().getName();
            switch (over.getOperator().getKind()) {
                case ROW_NUMBER -> {
                    if (found != null) {
                        throw Unsupported.over(name, "more than one ROW_NUMBER() OVER in a window Top-N");
                    }
                    found = new RowNumber(project, i, over, name);
                }
                case RANK, DENSE_RANK -> throw rankError(name);
                default -> throw RexTranslator.over(over);
            }
        }
        return found;
    }

    /** Whether {@code e} holds a ranking call with OVER (ROW_NUMBER, RANK, DENSE_RANK). */
    private static boolean ranks(RexNode e) {
        boolean[] found = new boolean[1];
        e.accept(new org.apache.calcite.rex.RexVisitorImpl<Void>(true) {
            @Override
            public Void visitOver(RexOver over) {
                switch (over.getOperator().getKind()) {
                    case ROW_NUMBER, RANK, DENSE_RANK -> found[0] = true;
                    default -> { }
                }
                return super.visitOver(over);
            }
        });
        return found[0];
    }

    private static Range range(RexNode condition, RowNumber rn, RexBuilder rexBuilder) {
        long lo = 1;
        long hi = Long.MAX_VALUE;
        List<RexNode> rest = new ArrayList<>();
        for (RexNode c : RelOptUtil.conjunctions(RexUtil.expandSearch(rexBuilder, null, condition))) {
            if (!RelOptUtil.InputFinder.bits(c).get(rn.column())) {
                rest.add(c);
                continue;
            }
            RankBound b = RankBound.of(c, rn.column());
            if (b == null) {
                throw Unsupported.over(rn.name(), "a condition on ROW_NUMBER() other than rownum <= N, < N, = N, >= N"
                        + " or > N");
            }
            lo = Math.max(lo, b.lo());
            hi = Math.min(hi, b.hi());
        }
        if (hi == Long.MAX_VALUE) {
            throw Unsupported.over(rn.name(), "ROW_NUMBER() OVER without an upper bound on it (window Top-N: WHERE"
                    + " rownum <= N)");
        }
        if (hi > WindowTopNNode.MAX_RANK) {
            throw Unsupported.over(rn.name(), "a window Top-N of more than " + WindowTopNNode.MAX_RANK
                    + " rows per window");
        }
        return new Range(lo, Math.max(hi, 0), rest);
    }

    /** Over TUMBLE, HOP or CUMULATE: the node assigns each row's windows from the stream's scan. */
    private static PhysicalNode overWindowFunction(RowNumber rn, Range range, WindowFunctionInput in,
            PhysicalTranslator t) {
        String name = rn.name();
        if (in.function().kind() == WindowSpec.Kind.SESSION) {
            throw Unsupported.over(name, "window Top-N directly over SESSION (over a SESSION window aggregate it"
                    + " works)");
        }
        in.checkNoWindowFilter("window Top-N");
        int n = in.width();
        ImmutableBitSet windowColumns = in.windowColumns();
        RexShuttle toFunction = WindowFunctionInput.substitute(in.exprs());

        boolean start = false;
        boolean end = false;
        List<RexNode> keys = new ArrayList<>();
        for (RexNode k : rn.window().partitionKeys) {
            RexNode x = WindowFunctionInput.stripNullabilityCast(k.accept(toFunction));
            if (x instanceof RexInputRef ref && ref.getIndex() >= n) {
                start |= ref.getIndex() == n;
                end |= ref.getIndex() == n + 1; // window_time is window_end - 1 ms: nothing to partition by
            } else if (RelOptUtil.InputFinder.bits(x).intersects(windowColumns)) {
                throw Unsupported.over(name, "an expression over window_start, window_end or window_time in"
                        + " PARTITION BY");
            } else {
                keys.add(x);
            }
        }
        if (!start || !end) {
            throw noWindowPartition(name);
        }
        List<RexNode> orderExprs = new ArrayList<>();
        for (RexFieldCollation c : rn.window().orderKeys) {
            RexNode x = WindowFunctionInput.stripNullabilityCast(c.left.accept(toFunction));
            if (RelOptUtil.InputFinder.bits(x).intersects(windowColumns)) {
                throw Unsupported.over(name, "ORDER BY window_start, window_end or window_time in a window Top-N");
            }
            orderExprs.add(x);
        }
        List<RexNode> projects = rn.project().getProjects();
        List<RexNode> outputs = new ArrayList<>();
        for (int i = 0; i < projects.size(); i++) {
            outputs.add(i == rn.column() ? null : projects.get(i).accept(toFunction));
        }

        WindowFunctionInput.Params p = in.params();
        if (in.processingTime(p)) {
            throw Unsupported.over(name, "window Top-N over processing time (PROCTIME())");
        }
        WindowInputs.WithWatermark withWatermark = WindowInputs.withWatermark(in.base());
        RelationDef relation = in.relation(p);
        LatePolicy late = LateOptions.policy(relation);
        if (late.kind() == LatePolicy.Kind.UPDATE) {
            throw Unsupported.over(name, "window Top-N over a stream with late = 'update' (emitted rows cannot be"
                    + " taken back)");
        }

        // the node's input: the stream's rows with the filters, cut to what the outputs, keys and order read
        Map<RexNode, Integer> needed = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        in.addRoutedColumns(relation, needed, names);
        List<String> baseNames = in.base().getRowType().getFieldNames();
        for (RexNode o : outputs) {
            if (o != null) {
                for (int j : RelOptUtil.InputFinder.bits(o)) {
                    if (j < n) {
                        WindowFunctionInput.add(needed, names, RexInputRef.of(j, in.base().getRowType()),
                                baseNames.get(j));
                    }
                }
            }
        }
        List<Integer> keyColumns = new ArrayList<>();
        for (RexNode k : keys) {
            keyColumns.add(WindowFunctionInput.add(needed, names, k, nameOf(k, baseNames, "key")));
        }
        List<Integer> orderColumns = new ArrayList<>();
        for (RexNode o : orderExprs) {
            orderColumns.add(WindowFunctionInput.add(needed, names, o, nameOf(o, baseNames, "order_key")));
        }
        int time = WindowFunctionInput.add(needed, names, RexInputRef.of(p.time(), in.base().getRowType()),
                baseNames.get(p.time()));
        int watermark = WindowFunctionInput.add(needed, names, RexInputRef.of(withWatermark.watermark(),
                withWatermark.rel().getRowType()), "_watermark");
        RelBuilder b = RelFactories.LOGICAL_BUILDER.create(rn.project().getCluster(), null);
        RelNode below = b.push(withWatermark.rel()).filter(in.conditions())
                .project(new ArrayList<>(needed.keySet()), names, true).build();
        PhysicalNode input = t.translate(WindowFunctionInput.simplify(below));

        // the node: its input's columns, window_start, window_end, the row number
        String rownum = rn.project().getRowType().getFieldNames().get(rn.column());
        List<Column> columns = new ArrayList<>(input.schema().columns());
        int startColumn = columns.size();
        columns.add(new Column("window_start", WINDOW_TYPE));
        columns.add(new Column("window_end", WINDOW_TYPE));
        columns.add(new Column(rownum, ROW_NUMBER_TYPE));
        boolean dedup = range.start() == 1 && range.end() == 1 && orderExprs.size() == 1
                && orderExprs.get(0) instanceof RexInputRef ref && ref.getIndex() == p.time();
        WindowTopNNode node = new WindowTopNNode(input, new WindowTopNNode.Assigned(in.spec(p, time, List.of()),
                watermark, late), keyColumns, sortKeys(rn.window(), orderColumns), range.start(), range.end(),
                dedup ? WindowTopNNode.Kind.DEDUPLICATE : WindowTopNNode.Kind.TOP_N, new RowSchema(columns));

        // the Project's row over the node: the function's columns are input columns or the window bounds
        List<Expr> functionColumns = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            Integer at = needed.get(RexInputRef.of(j, in.base().getRowType()));
            functionColumns.add(at == null ? null : new InputRef(at, input.schema().get(at).type()));
        }
        functionColumns.add(new InputRef(startColumn, WINDOW_TYPE));
        functionColumns.add(new InputRef(startColumn + 1, WINDOW_TYPE));
        functionColumns.add(new Call(Operator.MINUS, List.of(new InputRef(startColumn + 1, WINDOW_TYPE),
                new Literal(1L, DataType.of(TypeKind.INTERVAL_DAY_TIME).notNull())), WINDOW_TYPE));
        List<Expr> exprs = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            exprs.add(i == rn.column() ? new InputRef(node.rowNumberColumn(), ROW_NUMBER_TYPE)
                    : typed(Exprs.substitute(t.rex().translate(outputs.get(i)), functionColumns), rn.project(), i));
        }
        return new ProjectNode(node, exprs, Exprs.schemaOf(rn.project().getRowType().getFieldNames(), exprs));
    }

    /** Over a window aggregate: its rows carry window_start and window_end, and arrive as their window fires. */
    private static PhysicalNode overWindowAggregate(RowNumber rn, Range range, PhysicalTranslator t) {
        String name = rn.name();
        PhysicalNode input = t.translate(rn.project().getInput());
        WindowAggregateNode window = null;
        int start = -1;
        int end = -1;
        List<Integer> keys = new ArrayList<>();
        for (RexNode k : rn.window().partitionKeys) {
            if (!(k instanceof RexInputRef ref)) {
                throw Unsupported.over(name, "an expression in the PARTITION BY of a Top-N");
            }
            WindowBound bound = WindowBound.of(input, ref.getIndex());
            if (bound == null) {
                keys.add(ref.getIndex());
                continue;
            }
            if (window != null && bound.window() != window) {
                throw noWindowPartition(name);
            }
            window = bound.window();
            if (bound.end()) {
                end = ref.getIndex();
            } else {
                start = ref.getIndex();
            }
        }
        if (start < 0 && end < 0) {
            return TopNTranslator.regular(rn.project(), rn.column(), rn.window(), range.start(), range.end(), keys, t);
        }
        if (start < 0 || end < 0) {
            throw noWindowPartition(name);
        }
        if (window.late().kind() == LatePolicy.Kind.UPDATE) {
            throw Unsupported.over(name, "window Top-N over a window aggregate with late = 'update' (an updating"
                    + " input)");
        }
        List<Integer> orderColumns = new ArrayList<>();
        for (RexFieldCollation c : rn.window().orderKeys) {
            if (!(c.left instanceof RexInputRef ref)) {
                throw Unsupported.over(name, "an expression in the ORDER BY of a Top-N");
            }
            orderColumns.add(ref.getIndex());
        }
        String rownum = rn.project().getRowType().getFieldNames().get(rn.column());
        List<Column> columns = new ArrayList<>(input.schema().columns());
        columns.add(new Column(rownum, ROW_NUMBER_TYPE));
        WindowTopNNode node = new WindowTopNNode(input, new WindowTopNNode.Attached(start, end), keys,
                sortKeys(rn.window(), orderColumns), range.start(), range.end(), WindowTopNNode.Kind.TOP_N,
                new RowSchema(columns));
        List<RexNode> projects = rn.project().getProjects();
        List<Expr> exprs = new ArrayList<>();
        for (int i = 0; i < projects.size(); i++) {
            exprs.add(i == rn.column() ? new InputRef(node.rowNumberColumn(), ROW_NUMBER_TYPE)
                    : typed(t.rex().translate(projects.get(i)), rn.project(), i));
        }
        List<String> names = rn.project().getRowType().getFieldNames();
        if (Exprs.isIdentity(exprs, columns.size()) && columns.stream().map(Column::name).toList().equals(names)) {
            return node;
        }
        return new ProjectNode(node, exprs, Exprs.schemaOf(names, exprs));
    }

    static List<SortKey> sortKeys(RexWindow window, List<Integer> columns) {
        List<SortKey> keys = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            RexFieldCollation c = window.orderKeys.get(i);
            boolean descending = c.getDirection().isDescending();
            RelFieldCollation.NullDirection nulls = c.getNullDirection();
            // unspecified: NULL below every value (the validator's NullCollation.LOW, as Flink)
            boolean nullsFirst = nulls == RelFieldCollation.NullDirection.UNSPECIFIED
                    ? !descending : nulls == RelFieldCollation.NullDirection.FIRST;
            keys.add(new SortKey(columns.get(i), descending, nullsFirst));
        }
        return keys;
    }

    static Expr typed(Expr e, Project project, int column) {
        DataType type = TypeMapping.toDataType(project.getRowType().getFieldList().get(column).getType());
        return Coercions.castTo(e, type.withNullable(e.type().nullable()));
    }

    private static String nameOf(RexNode e, List<String> baseNames, String otherwise) {
        return e instanceof RexInputRef ref ? baseNames.get(ref.getIndex()) : otherwise;
    }

    /** A column that is a window aggregate's {@code window_start} or {@code window_end}, through projections and filters. */
    private record WindowBound(WindowAggregateNode window, boolean end) {
        static WindowBound of(PhysicalNode node, int column) {
            if (node instanceof ProjectNode p) {
                return p.exprs().get(column) instanceof InputRef ref ? of(p.input(), ref.index()) : null;
            }
            if (node instanceof FilterNode f) {
                return of(f.input(), column);
            }
            if (node instanceof WindowAggregateNode w) {
                int start = w.groupKeys().size();
                return column == start ? new WindowBound(w, false) : column == start + 1 ? new WindowBound(w, true)
                        : null;
            }
            return null;
        }
    }
}
