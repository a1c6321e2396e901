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
 *
 * <p>What the planner guarantees (see {@code WindowAggregateTranslator}): the input is one
 * append-only stream's scan, possibly filtered and projected; {@code window.timeColumn()} is that
 * stream's WATERMARK column and {@code watermarkColumn} its {@code _watermark}, both input columns
 * that may also be group keys or arguments; a group key column keeps its input type and takes the
 * query's name; {@code window_start} and {@code window_end} are {@code TIMESTAMP(3) NOT NULL}; for
 * SESSION, {@code window.partitionKeys()} are the same columns as {@code groupKeys} (maybe in
 * another order); {@code late} is the stream's policy. A SESSION window's {@code window_end} is
 * its last row's time plus the gap.
 *
 * <p>{@code processingTime}: the window is on processing time ({@code window.timeColumn()} is a
 * {@code PROCTIME()} column, the wall clock when the row was projected): windows fire when the
 * operator's clock passes their end, checked whenever a batch or watermark arrives (and all at the
 * end of a bounded input); upstream watermarks fire nothing, there is no {@code _watermark}
 * ({@code watermarkColumn} -1) and {@code late} is DROP (a row is late only if the clock went back).
 */
public record WindowAggregateNode(PhysicalNode input, WindowSpec window, int watermarkColumn, List<Integer> groupKeys,
        List<AggregateCall> calls, LatePolicy late, boolean processingTime, RowSchema schema) implements PhysicalNode {
    public WindowAggregateNode {
        groupKeys = List.copyOf(groupKeys);
        calls = List.copyOf(calls);
        if (processingTime && (watermarkColumn >= 0 || late.kind() != LatePolicy.Kind.DROP)) {
            throw new IllegalArgumentException("a processing-time window has no _watermark column and drops late rows");
        }
    }

    /** A window on event time. */
    public WindowAggregateNode(PhysicalNode input, WindowSpec window, int watermarkColumn, List<Integer> groupKeys,
            List<AggregateCall> calls, LatePolicy late, RowSchema schema) {
        this(input, window, watermarkColumn, groupKeys, calls, late, false, schema);
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of(input);
    }
}
