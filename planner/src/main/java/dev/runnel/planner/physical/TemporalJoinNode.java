package dev.runnel.planner.physical;

import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An event-time temporal join, {@code left JOIN t FOR SYSTEM_TIME AS OF left.time ON ...}: each
 * left row joins the version of the TABLE {@code t} its key had at the row's time. {@code right}
 * scans the table's changes (every version, not only the newest), with the primary key
 * ({@code rightKeys}, in key order, matched by {@code leftKeys}) and the table's event-time column
 * ({@code rightTime}, the time from which a version is valid) among its columns; the join's rows are
 * the left columns then the first {@code rightOutput} right columns. The optional residual
 * {@code condition} is over that row. {@code leftTime} is the left column the join is as of.
 * {@code kind} is INNER or LEFT.
 *
 * <p>As of {@code PROCTIME()} ({@link #processingTime()}: {@code leftTime} and {@code rightTime}
 * are -1) it is a lookup join: {@code right} scans the table, each left row joins its key's row as
 * the table holds it when the row is processed, and later changes of the table do not revise it.
 * Immutable.
 */
public record TemporalJoinNode(PhysicalNode left, ScanNode right, JoinKind kind, List<Integer> leftKeys,
        List<Integer> rightKeys, int leftTime, int rightTime, int rightOutput, Optional<Expr> condition,
        RowSchema schema) implements PhysicalNode {
    public TemporalJoinNode {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        leftKeys = List.copyOf(leftKeys);
        rightKeys = List.copyOf(rightKeys);
        if (leftKeys.size() != rightKeys.size() || leftKeys.isEmpty()) {
            throw new IllegalArgumentException("a temporal join needs key pairs");
        }
        if (kind != JoinKind.INNER && kind != JoinKind.LEFT) {
            throw new IllegalArgumentException("a temporal join is INNER or LEFT, not " + kind);
        }
        if (schema.size() != left.schema().size() + rightOutput) {
            throw new IllegalArgumentException("the join's row is the left columns and " + rightOutput + " right ones");
        }
    }

    /** Whether it is a lookup join (as of {@code PROCTIME()}): no times, each row joins its key's current row. */
    public boolean processingTime() {
        return leftTime < 0;
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of(left, right);
    }
}
