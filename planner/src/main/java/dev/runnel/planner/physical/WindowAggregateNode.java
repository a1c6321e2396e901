package dev.runnel.planner.physical;

import java.util.List;

/**
 * Aggregates rows per window and group: the window table functions (TUMBLE, HOP, CUMULATE, SESSION
 * followed by GROUP BY window_start, window_end, keys) and the legacy {@code GROUP BY TUMBLE(...)}
 * form. A window's rows are emitted once, when the watermark reaches its end (append-only output,
 * unless {@code late} is UPDATE, which can retract and re-emit).
 *
 * <p>Output row: the {@code groupKeys} input columns, then {@code window_start TIMESTAMP(3)},
 * {@code window_end TIMESTAMP(3)}, then one column per aggregate call. The planner projects on top
 * of it to the order the query asks for (and {@code window_time = window_end - 1 ms}).
 *
 * <p>{@code watermarkColumn} is the input column holding each row's {@code _watermark} (see
 * {@code MetadataColumns}): a row is late for a window when that value is at or past the window's
 * end. State is bounded by the watermark: a window's state is dropped when it fires (plus the
 * allowed lateness under UPDATE). Immutable.
 */
public record WindowAggregateNode(PhysicalNode input, WindowSpec window, int watermarkColumn, List<Integer> groupKeys,
        List<AggregateCall> calls, LatePolicy late, RowSchema schema) implements PhysicalNode {
    public WindowAggregateNode {
        groupKeys = List.copyOf(groupKeys);
        calls = List.copyOf(calls);
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of(input);
    }
}
