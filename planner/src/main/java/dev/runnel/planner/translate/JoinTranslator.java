package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.TypeMapping;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.HashJoinNode;
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
 * A join without key pairs is a nested-loop join over the residual (or a cross join). Stateless.
 */
public final class JoinTranslator {
    private JoinTranslator() {}

    public static PhysicalNode translate(Join join, PhysicalTranslator t) {
        if (TemporalJoinTranslator.isTemporal(join)) {
            return TemporalJoinTranslator.translate(join, t);
        }
        JoinKind kind = switch (join.getJoinType()) {
            case INNER -> JoinKind.INNER;
            case LEFT -> JoinKind.LEFT;
            case RIGHT -> JoinKind.RIGHT;
            case FULL -> JoinKind.FULL;
            case SEMI -> JoinKind.SEMI;
            case ANTI -> JoinKind.ANTI;
            default -> throw Unsupported.plural(join.getJoinType() + " joins");
        };
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
        RexNode rest = RexUtil.composeConjunction(join.getCluster().getRexBuilder(), residual, true);
        Optional<Expr> condition = rest == null || rest.isAlwaysTrue() ? Optional.empty()
                : Optional.of(t.rex().translate(rest));
        return new HashJoinNode(left, right, kind, leftKeys, rightKeys, condition,
                TypeMapping.toRowSchema(join.getRowType()));
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
