package dev.runnel.planner.physical;

import dev.runnel.sql.type.DataType;
import java.util.List;
import java.util.Objects;

/**
 * OVER aggregates on a stream ({@code agg(...) OVER (PARTITION BY keys ORDER BY time frame)}), as
 * Flink SQL runs them: every input row comes out once, with one value per call appended, when the
 * watermark passes its event time (column {@code timeColumn}, the stream's {@code WATERMARK FOR}
 * column). Rows leave in time order (arrival order among equal times), and each call sees the
 * row's partition up to it, bounded by the frame:
 * <ul>
 *   <li>{@link Frame.Kind#RANGE}: the rows of the partition whose time is within {@code preceding}
 *       millis before the row's time, <b>including every peer</b> (row with the same time, arrived
 *       before or after); {@code preceding} -1 is UNBOUNDED PRECEDING.</li>
 *   <li>{@link Frame.Kind#ROWS}: the row and the {@code preceding} rows released before it in its
 *       partition (peers are not included past the row); -1 is UNBOUNDED PRECEDING.</li>
 * </ul>
 * {@code LAG(x, n, default)} is the value {@code n} rows back from the last row of the frame (with
 * RANGE, the last peer), or the default (a column, read from that last row) when there is none.
 *
 * <p>Lateness, by Flink's rules: with a bounded frame a row is late when its partition already
 * emitted a row at its time or later, or would have by the row's {@code _watermark} (input column
 * {@code watermarkColumn}); with an unbounded frame when its time is not after its
 * {@code _watermark}. Late rows follow {@code late} ({@code drop} or {@code route}; never
 * {@code update}: the output is append-only). Output row: the input columns, then one column per
 * call. Immutable.
 */
public record OverAggregateNode(PhysicalNode input, List<Integer> partitionKeys, int timeColumn, int watermarkColumn,
        Frame frame, List<OverCall> calls, LatePolicy late, RowSchema schema) implements PhysicalNode {

    /** The frame: RANGE (time) or ROWS, and how far back it reaches (-1: unbounded), up to the current row. */
    public record Frame(Kind kind, long preceding) {
        public enum Kind { RANGE, ROWS }

        public Frame {
            Objects.requireNonNull(kind, "kind");
            if (preceding < -1) {
                throw new IllegalArgumentException("preceding must be >= 0 or -1 (unbounded)");
            }
        }

        public boolean unbounded() {
            return preceding < 0;
        }
    }

    /** The functions an OVER call may use. */
    public enum Function { COUNT, SUM, MIN, MAX, LAG }

    /**
     * One call: function, argument column (-1 for COUNT(*)), LAG's offset (0 otherwise) and default
     * column (-1: NULL), result type and name.
     */
    public record OverCall(Function function, int arg, int offset, int defaultColumn, DataType type, String name) {
        public OverCall {
            Objects.requireNonNull(function, "function");
            if (function != Function.COUNT && arg < 0) {
                throw new IllegalArgumentException(function + " needs an argument");
            }
            if (offset < 0 || function != Function.LAG && (offset != 0 || defaultColumn >= 0)) {
                throw new IllegalArgumentException("only LAG takes an offset >= 0 and a default");
            }
        }
    }

    public OverAggregateNode {
        partitionKeys = List.copyOf(partitionKeys);
        calls = List.copyOf(calls);
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("an OVER aggregate needs a call");
        }
        if (late.kind() == LatePolicy.Kind.UPDATE) {
            throw new IllegalArgumentException("an OVER aggregate is append-only: no late = 'update'");
        }
        if (schema.size() != input.schema().size() + calls.size()) {
            throw new IllegalArgumentException("the output is the input's columns and one per call");
        }
    }

    /** The largest LAG offset (0 without LAG). */
    public int maxLagOffset() {
        return calls.stream().filter(c -> c.function() == Function.LAG).mapToInt(OverCall::offset).max().orElse(0);
    }

    /** The output column of call {@code i}. */
    public int callColumn(int i) {
        return input.schema().size() + i;
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of(input);
    }
}
