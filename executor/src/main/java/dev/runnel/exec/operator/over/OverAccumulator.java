package dev.runnel.exec.operator.over;

import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.planner.physical.OverAggregateNode.Frame;
import dev.runnel.planner.physical.OverAggregateNode.OverCall;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.arrow.vector.FieldVector;

/**
 * The running value of one OVER call for every partition (arrays by partition id): rows enter
 * ({@link #add}) as they are released and leave ({@link #retract}) in the same order when the frame
 * moves past them, so a value is kept up to date in O(1) amortised per row, never recomputed over
 * the frame. Values are read from the operator's {@link RowBuffer} by row index, without boxing.
 * Single-threaded.
 */
interface OverAccumulator {
    void ensureGroups(int groups);

    /** Reads values from {@code rows} from now on (the operator's buffer, also after it was compacted). */
    void bind(RowBuffer rows);

    /** Row {@code row} enters partition {@code g}'s frame (the newest). */
    void add(int g, int row);

    /** Partition {@code g} starts over, empty. */
    void reset(int g);

    /** Row {@code row}, the oldest of partition {@code g}'s frame, leaves it. */
    void retract(int g, int row);

    /**
     * Writes partition {@code g}'s value into row {@code outRow} of {@code out} (allocated); the
     * frame ends at row {@code lastRow}.
     */
    void write(int g, int lastRow, FieldVector out, int outRow);

    /** Marks the rows the accumulator itself holds on to (beyond the frame). */
    default void mark(boolean[] live) {}

    /** Row indices changed: {@code r} is now {@code map[r]}. */
    default void renumber(int[] map) {}

    long retainedBytes();

    /** Writes the state of partitions {@code [0, groups)}. */
    void snapshot(DataOutputStream out, int groups) throws IOException;

    /** Reads what {@link #snapshot} wrote into this empty accumulator of the same call. */
    void restore(DataInputStream in, int groups, int rowCount) throws IOException;

    /** The accumulator of {@code call} over rows in {@code rows}; LAG reads the partitions' frame rows {@code frame}. */
    static OverAccumulator create(OverCall call, RowBuffer rows, Frame frame, PartitionRings frameRows) {
        OverAccumulator a = switch (call.function()) {
            case COUNT -> new CountOver(call.arg());
            case SUM -> new SumOver(call.arg(), call.type());
            case MIN, MAX -> new MinMaxOver(call.arg(), call.function()
                    == dev.runnel.planner.physical.OverAggregateNode.Function.MAX, frame.unbounded());
            case LAG -> new LagOver(call, frameRows);
        };
        a.bind(rows);
        return a;
    }
}
