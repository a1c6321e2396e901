package dev.runnel.planner.physical;

import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import java.util.List;
import java.util.Optional;

/**
 * An interval join of two streams (Flink's time-windowed join): rows match when their keys are
 * equal and the right row's event time lies within {@code [left time + lower, left time + upper]}
 * (milliseconds, both ends included; a strict {@code <} or {@code >} of the query moved by 1 ms),
 * and the optional residual {@code condition} over the concatenated row (left columns, then right)
 * is true. {@code leftTime} and {@code rightTime} are the inputs' event-time attributes (columns of
 * the left and right schema). INNER, LEFT, RIGHT or FULL: an unmatched row of an outer side is
 * emitted padded with NULLs once the watermark passed the end of its interval. State is bounded by
 * the watermark: a left row is kept while the watermark has not passed {@code time + upper}, a right
 * row while it has not passed {@code time - lower}. Output: append-only, the left columns then the
 * right ones. Immutable.
 */
public record IntervalJoinNode(PhysicalNode left, PhysicalNode right, JoinKind kind, List<Integer> leftKeys,
        List<Integer> rightKeys, int leftTime, int rightTime, long lower, long upper, Optional<Expr> condition,
        RowSchema schema) implements PhysicalNode {

    public IntervalJoinNode {
        leftKeys = List.copyOf(leftKeys);
        rightKeys = List.copyOf(rightKeys);
        if (leftKeys.size() != rightKeys.size()) {
            throw new IllegalArgumentException("join needs as many left keys as right keys");
        }
        if (lower > upper) {
            throw new IllegalArgumentException("empty interval: " + lower + " > " + upper);
        }
        switch (kind) {
            case INNER, LEFT, RIGHT, FULL -> { }
            default -> throw new IllegalArgumentException("an interval join is INNER, LEFT, RIGHT or FULL, not " + kind);
        }
    }

    /** How long past its time a left row is kept (its interval's end), at least 0. */
    public long leftRetention() {
        return Math.max(0, upper);
    }

    /** How long past its time a right row is kept, at least 0. */
    public long rightRetention() {
        return Math.max(0, -lower);
    }

    /** How far the output's watermark stays behind the inputs' (rows padded late come within it). */
    public long watermarkDelay() {
        return Math.max(leftRetention(), rightRetention());
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of(left, right);
    }
}
