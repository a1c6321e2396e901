package dev.runnel.planner.physical;

import dev.runnel.planner.expr.Expr;
import java.util.List;
import java.util.Optional;

/**
 * A bounded equi-join (also what decorrelated subqueries become): builds a hash table on the right
 * input's {@code rightKeys}, probes with the left's {@code leftKeys}, then applies the optional
 * residual {@code condition} over the concatenated row (left columns, then right). SEMI and ANTI
 * output only left columns. Immutable.
 *
 * <p>Keys compare with SQL {@code =}: a NULL key matches nothing. Key pairs have the same type. The
 * residual is part of the join condition, also for outer joins: a left row of a LEFT join whose
 * keys match but whose residual is not TRUE for any right row is emitted once, NULL-padded. With
 * no keys every pair of rows is tried (a cross join filtered by the residual).
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
