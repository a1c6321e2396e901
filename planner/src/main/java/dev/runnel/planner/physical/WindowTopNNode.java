package dev.runnel.planner.physical;

import dev.runnel.planner.physical.SortNode.SortKey;
import java.util.List;
import java.util.Objects;

/**
 * Window Top-N and window deduplication (Flink's {@code ROW_NUMBER() OVER (PARTITION BY
 * window_start, window_end [, keys] ORDER BY ...)} filtered on the row number): per window and
 * partition, the rows ranked {@code rankStart..rankEnd} by {@code order}, numbered from 1. A
 * window's rows are emitted once, when the watermark reaches its end: the output is append-only,
 * and the state (at most {@code rankEnd} candidate rows per window and partition, plus rows not yet
 * pruned) goes when the window fires.
 *
 * <p>Where the windows come from ({@link Windows}):
 * <ul>
 *   <li>{@link Assigned}: over a window table function (TUMBLE, HOP, CUMULATE). The node puts each
 *       input row into its windows by the event time in {@code spec.timeColumn()}, as a window
 *       aggregate does; a row is late for a window once its {@code _watermark} (input column
 *       {@code watermarkColumn}) or the node's watermark reached the window's end, and is handled
 *       by {@code late} (DROP or ROUTE). Output row: the input columns, {@code window_start},
 *       {@code window_end} ({@code TIMESTAMP(3) NOT NULL}), {@code rownum} (BIGINT NOT NULL).</li>
 *   <li>{@link Attached}: over a window aggregate, whose rows carry their window in input columns
 *       {@code startColumn} and {@code endColumn}; rows arrive when their window fired upstream.
 *       Output row: the input columns, {@code rownum}.</li>
 * </ul>
 *
 * <p>{@code partitionKeys} are input columns besides the window; rows whose order keys are equal
 * rank by arrival, the earlier first, except for {@link Kind#DEDUPLICATE} ordered descending (keep
 * the last row), where the later ranks first, as in Flink. {@code rankStart >= 1}; a range with
 * {@code rankStart > rankEnd} selects nothing. Immutable.
 */
public record WindowTopNNode(PhysicalNode input, Windows windows, List<Integer> partitionKeys, List<SortKey> order,
        long rankStart, long rankEnd, Kind kind, RowSchema schema) implements PhysicalNode {
    /** The largest {@code rankEnd}: what one window and partition may keep. */
    public static final long MAX_RANK = 1 << 20;

    /** What the query asked for: Top-N, or deduplication (rownum = 1 ordered by the time attribute). */
    public enum Kind { TOP_N, DEDUPLICATE }

    /** Where a row's windows come from. */
    public sealed interface Windows permits Assigned, Attached {}

    /** Windows assigned from the event time (over a window table function); see the class comment. */
    public record Assigned(WindowSpec spec, int watermarkColumn, LatePolicy late) implements Windows {
        public Assigned {
            Objects.requireNonNull(late, "late");
            if (spec.kind() == WindowSpec.Kind.SESSION) {
                throw new IllegalArgumentException("a window Top-N assigns TUMBLE, HOP or CUMULATE windows only");
            }
            if (late.kind() == LatePolicy.Kind.UPDATE) {
                throw new IllegalArgumentException("a window Top-N cannot update emitted rows (late = 'update')");
            }
        }
    }

    /** Windows read from the input's {@code window_start} and {@code window_end} columns (over a window aggregate). */
    public record Attached(int startColumn, int endColumn) implements Windows {}

    public WindowTopNNode {
        partitionKeys = List.copyOf(partitionKeys);
        order = List.copyOf(order);
        if (order.isEmpty()) {
            throw new IllegalArgumentException("a window Top-N needs an ORDER BY");
        }
        if (rankStart < 1 || rankEnd < 0 || rankEnd > MAX_RANK) {
            throw new IllegalArgumentException("rank range " + rankStart + ".." + rankEnd + " out of 1.." + MAX_RANK);
        }
    }

    /** The output column of {@code window_start}. */
    public int windowStartColumn() {
        return windows instanceof Attached a ? a.startColumn() : input.schema().size();
    }

    /** The output column of {@code window_end}. */
    public int windowEndColumn() {
        return windows instanceof Attached a ? a.endColumn() : input.schema().size() + 1;
    }

    /** The output column of the row number (the last). */
    public int rowNumberColumn() {
        return schema.size() - 1;
    }

    /** Whether, among rows with equal order keys, the one that arrived later ranks first. */
    public boolean laterFirstOnTies() {
        return kind == Kind.DEDUPLICATE && order.get(0).descending();
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of(input);
    }
}
