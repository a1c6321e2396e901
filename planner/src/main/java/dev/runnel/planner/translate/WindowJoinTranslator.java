package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.TypeMapping;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.WindowJoinNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A join of two window table functions on both window bounds (Flink's window join) to
 * {@link WindowJoinNode} plus a {@link ProjectNode} giving the join's columns:
 *
 * <pre>
 * Join(L.window_start = R.window_start AND L.window_end = R.window_end AND L.k = R.k)
 *   [Project] TableFunctionScan(TUMBLE(...)) over A      ==&gt;   Project[the join's columns]
 *   [Project] TableFunctionScan(TUMBLE(...)) over B              WindowJoin[INNER, keys: k = k, TUMBLE(...)]
 *                                                                  A (with the filters above its function), B
 * </pre>
 *
 * The projections between a function and the join must pick columns (no expressions), filters
 * there must not read window columns, both functions must be the same aligned window (TUMBLE, HOP or
 * CUMULATE) over event-time attributes. Equalities between non-window columns of the two sides
 * are keys; the rest of the condition is the residual. Stateless.
 */
final class WindowJoinTranslator {
    private static final DataType WINDOW_TYPE = DataType.of(TypeKind.TIMESTAMP).notNull();

    private WindowJoinTranslator() {}

    /** The window join {@code join} is, or null when its inputs are not both window functions. */
    static PhysicalNode translate(Join join, JoinKind kind, PhysicalTranslator t) {
        WindowFunctionInput l = WindowFunctionInput.find(join.getLeft());
        WindowFunctionInput r = WindowFunctionInput.find(join.getRight());
        if (l == null || r == null) {
            return null;
        }
        if (kind != JoinKind.INNER && kind != JoinKind.LEFT && kind != JoinKind.RIGHT && kind != JoinKind.FULL) {
            throw Unsupported.of(kind + " joins of window table functions");
        }
        int[] leftMap = columns(l);
        int[] rightMap = columns(r);
        l.checkNoWindowFilter("window join");
        r.checkNoWindowFilter("window join");
        WindowFunctionInput.Params lp = l.params();
        WindowFunctionInput.Params rp = r.params();
        l.relation(lp); // both must be time attributes
        r.relation(rp);
        if (l.function().kind() == WindowSpec.Kind.SESSION || r.function().kind() == WindowSpec.Kind.SESSION) {
            throw Unsupported.of("a window join of SESSION windows");
        }
        WindowSpec lw = l.spec(lp, lp.time(), List.of());
        WindowSpec rw = r.spec(rp, rp.time(), List.of());
        if (lw.kind() != rw.kind() || lw.size() != rw.size() || lw.slide() != rw.slide() || lw.offset() != rw.offset()) {
            throw Unsupported.of("a window join of different windows (both sides need the same window function"
                    + " and durations)");
        }
        int lWidth;
        int leftFields = join.getLeft().getRowType().getFieldCount();
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        List<RexNode> residual = new ArrayList<>();
        boolean starts = false;
        boolean ends = false;
        for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
            int[] pair = equality(c, leftFields, leftMap, rightMap);
            if (pair != null && pair[0] == l.width() && pair[1] == r.width()) {
                starts = true;
            } else if (pair != null && pair[0] == l.width() + 1 && pair[1] == r.width() + 1) {
                ends = true;
            } else if (pair != null && pair[0] < l.width() && pair[1] < r.width()
                    && TypeMapping.sameIgnoringNullability(TypeMapping.toDataType(((RexCall) c).getOperands().get(0)
                            .getType()), TypeMapping.toDataType(((RexCall) c).getOperands().get(1).getType()))) {
                leftKeys.add(pair[0]);
                rightKeys.add(pair[1]);
            } else {
                residual.add(c);
            }
        }
        if (!starts || !ends) {
            throw Unsupported.of("a join of window table functions that does not equate both window_start and"
                    + " window_end (a window join)");
        }
        // each side reads only the columns the join uses (and its time column); indices move accordingly
        ImmutableBitSet used = t.usedFields(join);
        ImmutableBitSet needed = used == null ? ImmutableBitSet.range(join.getRowType().getFieldCount())
                : used.union(RelOptUtil.InputFinder.bits(residual, null));
        Pruned lPruned = new Pruned(l.width(), needed(leftMap, needed, 0), lp.time(), leftKeys);
        Pruned rPruned = new Pruned(r.width(), needed(rightMap, needed, leftFields), rp.time(), rightKeys);
        leftKeys.replaceAll(lPruned::at);
        rightKeys.replaceAll(rPruned::at);
        for (int i = 0; i < leftMap.length; i++) {
            leftMap[i] = needed.get(i) ? lPruned.at(leftMap[i]) : -1;
        }
        for (int i = 0; i < rightMap.length; i++) {
            rightMap[i] = needed.get(leftFields + i) ? rPruned.at(rightMap[i]) : -1;
        }
        lWidth = lPruned.keep().length + 3;
        lw = l.spec(lp, lPruned.at(lp.time()), List.of());
        int rightTime = rPruned.at(rp.time());
        PhysicalNode left = side(l, lPruned, join.getLeft(), t);
        PhysicalNode right = side(r, rPruned, join.getRight(), t);
        List<Column> columns = new ArrayList<>();
        addColumns(columns, left.schema(), kind == JoinKind.RIGHT || kind == JoinKind.FULL);
        addColumns(columns, right.schema(), kind == JoinKind.LEFT || kind == JoinKind.FULL);
        RowSchema schema = new RowSchema(columns);
        Optional<Expr> condition = Optional.empty();
        if (!residual.isEmpty()) {
            RexNode rest = RexUtil.composeConjunction(join.getCluster().getRexBuilder(), residual, false);
            RexNode moved = rest.accept(new RexShuttle() {
                @Override
                public RexNode visitInputRef(RexInputRef ref) {
                    int i = ref.getIndex();
                    int to = i < leftFields ? leftMap[i] : lWidth + rightMap[i - leftFields];
                    return new RexInputRef(to, ref.getType());
                }
            });
            condition = Optional.of(t.rex().translate(moved));
        }
        WindowJoinNode node = new WindowJoinNode(left, right, kind, leftKeys, rightKeys, lw, rightTime, condition,
                schema);
        List<Expr> out = new ArrayList<>();
        List<Column> outColumns = new ArrayList<>();
        RowSchema joined = TypeMapping.toRowSchema(join.getRowType());
        for (int i = 0; i < joined.size(); i++) {
            int side = i < leftFields ? leftMap[i] : rightMap[i - leftFields];
            if (side < 0) { // a column nobody reads: not read from the inputs at all
                out.add(new Literal(null, joined.get(i).type().withNullable(true)));
                outColumns.add(new Column(joined.get(i).name(), joined.get(i).type().withNullable(true)));
                continue;
            }
            int from = i < leftFields ? side : lWidth + side;
            out.add(new InputRef(from, schema.get(from).type()));
            outColumns.add(new Column(joined.get(i).name(), joined.get(i).type()));
        }
        return new ProjectNode(node, out, new RowSchema(outColumns));
    }

    /**
     * A join of two window aggregates on both their window bounds (Nexmark q8's shape: Flink
     * propagates the windows) as a {@link WindowJoinNode} over the two results, their rows carrying
     * their windows ({@code attached}); null when {@code left} and {@code right} are not window
     * aggregates (under plain column choices) of the same window equated on window_start and
     * window_end. {@code leftKeys}/{@code rightKeys} are the join's key pairs (the window bounds
     * among them), {@code residual} the rest of its condition.
     */
    static PhysicalNode overWindowResults(Join join, JoinKind kind, PhysicalNode left, PhysicalNode right,
            List<Integer> leftKeys, List<Integer> rightKeys, List<RexNode> residual, PhysicalTranslator t) {
        if (kind != JoinKind.INNER && kind != JoinKind.LEFT && kind != JoinKind.RIGHT && kind != JoinKind.FULL) {
            return null;
        }
        WindowColumns l = windowColumns(left);
        WindowColumns r = windowColumns(right);
        if (l == null || r == null) {
            return null;
        }
        WindowSpec lw = l.window();
        WindowSpec rw = r.window();
        if (lw.kind() == WindowSpec.Kind.SESSION || lw.kind() != rw.kind() || lw.size() != rw.size()
                || lw.slide() != rw.slide() || lw.offset() != rw.offset()) {
            return null;
        }
        boolean starts = false;
        boolean ends = false;
        List<Integer> lk = new ArrayList<>();
        List<Integer> rk = new ArrayList<>();
        for (int k = 0; k < leftKeys.size(); k++) {
            int a = leftKeys.get(k);
            int b = rightKeys.get(k);
            if (a == l.start() && b == r.start()) {
                starts = true;
            } else if (a == l.end() && b == r.end()) {
                ends = true;
            } else {
                lk.add(a);
                rk.add(b);
            }
        }
        if (!starts || !ends) {
            return null;
        }
        int leftFields = left.schema().size();
        List<Column> columns = new ArrayList<>();
        addColumns(columns, left.schema(), kind == JoinKind.RIGHT || kind == JoinKind.FULL);
        addColumns(columns, right.schema(), kind == JoinKind.LEFT || kind == JoinKind.FULL);
        Optional<Expr> condition = Optional.empty();
        if (!residual.isEmpty()) {
            RexNode rest = RexUtil.composeConjunction(join.getCluster().getRexBuilder(), residual, false);
            condition = Optional.of(t.rex().translate(rest.accept(new RexShuttle() {
                @Override
                public RexNode visitInputRef(RexInputRef ref) {
                    int i = ref.getIndex();
                    return new RexInputRef(i < leftFields ? i : i + 3, ref.getType());
                }
            })));
        }
        WindowSpec spec = new WindowSpec(lw.kind(), l.end(), lw.size(), lw.slide(), 0, lw.offset(), List.of());
        WindowJoinNode node = new WindowJoinNode(left, right, kind, lk, rk, spec, r.end(), condition,
                new RowSchema(columns), true);
        RowSchema joined = TypeMapping.toRowSchema(join.getRowType());
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < joined.size(); i++) {
            int from = i < leftFields ? i : i + 3;
            out.add(new InputRef(from, node.schema().get(from).type()));
        }
        return new ProjectNode(node, out, joined);
    }

    /** Where a window result's window_start and window_end are, and its window. */
    private record WindowColumns(int start, int end, WindowSpec window) {}

    /** The window columns of a window aggregate, under projections that pick columns; null otherwise. */
    private static WindowColumns windowColumns(PhysicalNode node) {
        if (node instanceof WindowAggregateNode w) {
            int start = w.groupKeys().size();
            return new WindowColumns(start, start + 1, w.window());
        }
        if (node instanceof ProjectNode p) {
            WindowColumns in = windowColumns(p.input());
            if (in == null) {
                return null;
            }
            int start = -1;
            int end = -1;
            for (int i = 0; i < p.exprs().size(); i++) {
                if (p.exprs().get(i) instanceof InputRef ref) {
                    if (ref.index() == in.start() && start < 0) {
                        start = i;
                    } else if (ref.index() == in.end() && end < 0) {
                        end = i;
                    }
                }
            }
            return start >= 0 && end >= 0 ? new WindowColumns(start, end, in.window()) : null;
        }
        return null;
    }

    /** A side's columns then its window columns, nullable when the other side's outer rows pad them. */
    private static void addColumns(List<Column> columns, RowSchema side, boolean padded) {
        for (Column c : side.columns()) {
            columns.add(new Column(c.name(), c.type().withNullable(c.type().nullable() || padded)));
        }
        for (String name : List.of("window_start", "window_end", "window_time")) {
            columns.add(new Column(name, WINDOW_TYPE.withNullable(padded)));
        }
    }

    /** The function's column each field of the join input is (a projection that computes fails). */
    private static int[] columns(WindowFunctionInput in) {
        int[] map = new int[in.exprs().size()];
        for (int i = 0; i < map.length; i++) {
            if (!(in.exprs().get(i) instanceof RexInputRef ref)) {
                throw Unsupported.of("an expression between a window table function and its window join (compute it"
                        + " after the join)");
            }
            map[i] = ref.getIndex();
        }
        return map;
    }

    /** For {@code left field = right field}: the function columns on each side, else null. */
    private static int[] equality(RexNode c, int leftFields, int[] leftMap, int[] rightMap) {
        if (c.getKind() != SqlKind.EQUALS) {
            return null;
        }
        List<RexNode> ops = ((RexCall) c).getOperands();
        if (!(strip(ops.get(0)) instanceof RexInputRef a) || !(strip(ops.get(1)) instanceof RexInputRef b)) {
            return null;
        }
        if (a.getIndex() < leftFields && b.getIndex() >= leftFields) {
            return new int[] {leftMap[a.getIndex()], rightMap[b.getIndex() - leftFields]};
        }
        if (b.getIndex() < leftFields && a.getIndex() >= leftFields) {
            return new int[] {leftMap[b.getIndex()], rightMap[a.getIndex() - leftFields]};
        }
        return null;
    }

    private static RexNode strip(RexNode e) {
        return WindowFunctionInput.stripNullabilityCast(e);
    }

    /**
     * The base columns a side keeps (ascending: those the join's input reads, and the time column) and
     * where a column of the function's layout (base columns, then the three window columns) moves.
     */
    private record Pruned(int width, int[] keep, int[] position) {
        Pruned(int width, int[] map, int time, List<Integer> keys) {
            this(width, keep(width, map, time, keys), new int[width]);
            for (int i = 0; i < keep.length; i++) {
                position[keep[i]] = i;
            }
        }

        private static int[] keep(int width, int[] map, int time, List<Integer> keys) {
            java.util.TreeSet<Integer> used = new java.util.TreeSet<>(keys);
            used.add(time);
            for (int c : map) {
                if (c >= 0 && c < width) {
                    used.add(c);
                }
            }
            return used.stream().mapToInt(Integer::intValue).toArray();
        }

        int at(int column) {
            return column < width ? position[column] : keep.length + (column - width);
        }
    }

    /** The function columns of the join fields {@code offset..} that are needed, -1 for the others. */
    private static int[] needed(int[] map, ImmutableBitSet needed, int offset) {
        int[] out = new int[map.length];
        for (int i = 0; i < map.length; i++) {
            out[i] = needed.get(offset + i) ? map[i] : -1;
        }
        return out;
    }

    /** A side's input: the function's input with the filters above the function, its kept columns. */
    private static PhysicalNode side(WindowFunctionInput in, Pruned pruned, RelNode joinInput, PhysicalTranslator t) {
        org.apache.calcite.tools.RelBuilder b = RelFactories.LOGICAL_BUILDER.create(joinInput.getCluster(), null)
                .push(in.base()).filter(in.conditions());
        List<RexNode> refs = new ArrayList<>();
        for (int c : pruned.keep()) {
            refs.add(b.field(c));
        }
        return t.translate(WindowFunctionInput.simplify(b.project(refs).build()));
    }
}
