package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.TypeMapping;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.error.SqlState;
import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.IntervalJoinNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.PhysicalNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Join to {@link HashJoinNode}. Each conjunct {@code left.a = right.b} of the condition whose sides
 * have the same type becomes a key pair, and so does {@code a IS NOT DISTINCT FROM b} (what
 * decorrelation produces) when one side is NOT NULL, where it means the same as {@code =};
 * everything else (non-equalities, IS NOT DISTINCT FROM over two nullable columns, equalities
 * between different types) stays in the residual condition over the concatenated row.
 * A join without key pairs is a nested-loop join over the residual (or a cross join). When the
 * residual bounds the event-time attribute of one input by that of the other from both sides
 * ({@link IntervalJoins}), an INNER or outer join is an {@link IntervalJoinNode} instead, its state
 * bounded by the watermark. Stateless.
 */
public final class JoinTranslator {
    private JoinTranslator() {}

    public static PhysicalNode translate(Join join, PhysicalTranslator t) {
        if (TemporalJoinTranslator.isTemporal(join)) {
            return TemporalJoinTranslator.translate(join, t);
        }
        return regular(join, t);
    }

    /** The join without regard to a temporal join's marker or snapshot: a hash, interval or window join. */
    static PhysicalNode regular(Join join, PhysicalTranslator t) {
        JoinKind kind = switch (join.getJoinType()) {
            case INNER -> JoinKind.INNER;
            case LEFT -> JoinKind.LEFT;
            case RIGHT -> JoinKind.RIGHT;
            case FULL -> JoinKind.FULL;
            case SEMI -> JoinKind.SEMI;
            case ANTI -> JoinKind.ANTI;
            default -> throw Unsupported.plural(join.getJoinType() + " joins");
        };
        PhysicalNode windowJoin = WindowJoinTranslator.translate(join, kind, t);
        if (windowJoin != null) {
            return windowJoin;
        }
        PhysicalNode left = t.translate(join.getLeft());
        PhysicalNode right = t.translate(join.getRight());
        int leftWidth = join.getLeft().getRowType().getFieldCount();
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        List<RexNode> residual = new ArrayList<>();
        for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
            if (!addKey(c, leftWidth, leftKeys, rightKeys)) {
                residual.add(c);
            }
        }
        if (kind == JoinKind.INNER || kind == JoinKind.LEFT || kind == JoinKind.RIGHT || kind == JoinKind.FULL) {
            Optional<IntervalJoins.Bounds> bounds = IntervalJoins.find(join, residual);
            if (bounds.isPresent()) {
                IntervalJoins.Bounds b = bounds.get();
                if (b.lower() > b.upper()) {
                    throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "the time bounds of this interval join"
                            + " admit no pair of rows: the right time would lie " + b.lower() + " ms or more after the"
                            + " left one and " + b.upper() + " ms or less", SourcePos.UNKNOWN);
                }
                List<RexNode> rest = new ArrayList<>();
                for (int i = 0; i < residual.size(); i++) {
                    if (!b.used().contains(i)) {
                        rest.add(residual.get(i));
                    }
                }
                return new IntervalJoinNode(left, right, kind, leftKeys, rightKeys, b.leftTime(), b.rightTime(),
                        b.lower(), b.upper(), condition(join, rest, t), TypeMapping.toRowSchema(join.getRowType()));
            }
        }
        PhysicalNode overWindows = WindowJoinTranslator.overWindowResults(join, kind, left, right, leftKeys, rightKeys,
                residual, t);
        if (overWindows != null) {
            return overWindows;
        }
        return new HashJoinNode(left, right, kind, leftKeys, rightKeys, condition(join, residual, t),
                TypeMapping.toRowSchema(join.getRowType()));
    }

    private static Optional<Expr> condition(Join join, List<RexNode> residual, PhysicalTranslator t) {
        RexNode rest = RexUtil.composeConjunction(join.getCluster().getRexBuilder(), residual, true);
        return rest == null || rest.isAlwaysTrue() ? Optional.empty() : Optional.of(t.rex().translate(rest));
    }

    static boolean addKey(RexNode c, int leftWidth, List<Integer> leftKeys, List<Integer> rightKeys) {
        if (c.getKind() != SqlKind.EQUALS && c.getKind() != SqlKind.IS_NOT_DISTINCT_FROM) {
            return false;
        }
        List<RexNode> ops = ((RexCall) c).getOperands();
        if (!(ops.get(0) instanceof RexInputRef a) || !(ops.get(1) instanceof RexInputRef b)) {
            return false;
        }
        if (c.getKind() == SqlKind.IS_NOT_DISTINCT_FROM && a.getType().isNullable() && b.getType().isNullable()) {
            return false;
        }
        if (!TypeMapping.sameIgnoringNullability(TypeMapping.toDataType(a.getType()),
                TypeMapping.toDataType(b.getType()))) {
            return false;
        }
        if (a.getIndex() < leftWidth && b.getIndex() >= leftWidth) {
            leftKeys.add(a.getIndex());
            rightKeys.add(b.getIndex() - leftWidth);
            return true;
        }
        if (b.getIndex() < leftWidth && a.getIndex() >= leftWidth) {
            leftKeys.add(b.getIndex());
            rightKeys.add(a.getIndex() - leftWidth);
            return true;
        }
        return false;
    }
}
