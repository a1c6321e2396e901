package dev.runnel.planner.physical;

import dev.runnel.planner.expr.Expr;
import java.util.List;
import java.util.Optional;

/**
 * A bounded equi-join (also what decorrelated subqueries become): builds a hash table on the right
 * input's {@code rightKeys}, probes with the left's {@code leftKeys}, then applies the optional
 * residual {@code condition} over the concatenated row (left columns, then right). SEMI and ANTI
 * output only left columns. Immutable.
 */
public record HashJoinNode(PhysicalNode left, PhysicalNode right, JoinKind kind, List<Integer> leftKeys,
        List<Integer> rightKeys, Optional<Expr> condition, RowSchema schema) implements PhysicalNode {
    /** Join semantics. */
    public enum JoinKind { INNER, LEFT, RIGHT, FULL, SEMI, ANTI }

    public HashJoinNode {
        leftKeys = List.copyOf(leftKeys);
        rightKeys = List.copyOf(rightKeys);
        if (leftKeys.size() != rightKeys.size()) {
            throw new IllegalArgumentException("join needs as many left keys as right keys");
        }
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of(left, right);
    }
}
