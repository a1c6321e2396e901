package dev.runnel.planner.physical;

import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import java.util.List;
import java.util.Optional;

/**
 * A window join (Flink's): both inputs are put into the same aligned windows ({@code window}, a
 * TUMBLE, HOP or CUMULATE over the left input's {@code window.timeColumn()} and the right input's
 * {@code rightTime}, both event-time attributes), and rows of the same window whose keys are equal
 * (and the residual {@code condition} true) are joined once the window closes (the watermark of
 * both inputs reached its end − 1 ms). INNER, LEFT, RIGHT or FULL: an outer side's rows without a
 * partner in their window are emitted padded with NULLs. The output is each input's columns
 * followed by its {@code window_start}, {@code window_end} and {@code window_time}, left then right
 * (the layout of the two window table functions side by side; the residual is over it). A row
 * whose window has closed is late: dropped and counted. State: the rows of open windows, freed as
 * each closes. Append-only. When {@code attached}, the inputs are window results (window aggregates,
 * Nexmark q8's shape) whose rows already carry their window: {@code window.timeColumn()} and
 * {@code rightTime} are then each input's {@code window_end} column, and a row belongs to the window
 * ending there (of {@code window}'s kind and durations). Immutable.
 */
public record WindowJoinNode(PhysicalNode left, PhysicalNode right, JoinKind kind, List<Integer> leftKeys,
        List<Integer> rightKeys, WindowSpec window, int rightTime, Optional<Expr> condition, RowSchema schema,
        boolean attached) implements PhysicalNode {

    /** A join of two window table functions' inputs: each row is put into its windows by its event time. */
    public WindowJoinNode(PhysicalNode left, PhysicalNode right, JoinKind kind, List<Integer> leftKeys,
            List<Integer> rightKeys, WindowSpec window, int rightTime, Optional<Expr> condition, RowSchema schema) {
        this(left, right, kind, leftKeys, rightKeys, window, rightTime, condition, schema, false);
    }

    public WindowJoinNode {
        leftKeys = List.copyOf(leftKeys);
        rightKeys = List.copyOf(rightKeys);
        if (leftKeys.size() != rightKeys.size()) {
            throw new IllegalArgumentException("join needs as many left keys as right keys");
        }
        if (window.kind() == WindowSpec.Kind.SESSION) {
            throw new IllegalArgumentException("a window join takes aligned windows, not SESSION");
        }
        switch (kind) {
            case INNER, LEFT, RIGHT, FULL -> { }
            default -> throw new IllegalArgumentException("a window join is INNER, LEFT, RIGHT or FULL, not " + kind);
        }
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of(left, right);
    }
}
