package dev.runnel.exec.operator.window;

import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Windowed GROUP BY ({@link WindowAggregateNode}): TUMBLE, HOP and CUMULATE through
 * {@link AlignedWindowState}, SESSION through {@link SessionWindowState}. Rows are folded in as
 * they arrive; a window's rows are emitted once, when the watermark reaches its last millisecond
 * ({@code end - 1}, Flink's {@code maxTimestamp}): the group
 * keys, {@code window_start}, {@code window_end}, the aggregates (and the change kind, if the
 * output has that column; see {@link WindowResults}). Output is ordered by window end, then groups
 * in order of first appearance. The watermark is forwarded after what it fired.
 *
 * <p>Late rows ({@link Lateness}: a row can no longer enter a window once its own
 * {@code _watermark}, or the operator's watermark, reached the window's end - 1, plus the allowed
 * lateness under UPDATE): {@code DROP} counts them ({@code OperatorMetrics.lateRowsDropped});
 * {@code ROUTE} writes them unchanged (this operator's input row) through {@link LateRowSinks};
 * {@code UPDATE} keeps fired windows for the allowed lateness, and a late row within it emits the
 * change at once ({@code -U} old values, {@code +U} new ones, or {@code +I} for a new group).
 * Without a change-kind column the {@code -U} rows are left out, so the output reads as upserts by
 * (keys, window_start, window_end). Rows whose event time is NULL belong to no window and are
 * counted as {@code rowsWithoutTime}.
 *
 * <p>On processing time ({@code node.processingTime()}) the watermark is the operator's clock minus
 * 1 ms, read after each batch and whenever an upstream watermark arrives (upstream watermarks are on
 * event time and fire nothing themselves; none is forwarded but the final one, which fires every
 * window at the end of a bounded input). An idle input fires nothing until its next batch or
 * watermark.
 *
 * <p>Batching never changes which rows count: that is decided per row against its own
 * {@code _watermark}. What batching can change under UPDATE is how many intermediate updates are
 * emitted (a window that fires after a batch includes that batch's late rows in its first result);
 * the final values are the same.
 *
 * <p>State ({@link #snapshot}): a layout version (byte), the operator's watermark (long), the
 * counts of what happened to rows ({@code OperatorMetrics.snapshotRowFates}: late rows dropped,
 * routed, updating, rows without time, windows fired), then the open windows
 * ({@link AlignedWindowState} or {@link SessionWindowState}). Single-threaded.
 */
public final class WindowAggregateOperator implements Operator {
    private final WindowAggregateNode node;
    private final LateRowSinks lateSinks;
    private OperatorContext context;
    private Output output;
    private WindowResults results;
    private WindowState state;
    private LateRows late;
    private long watermark = Long.MIN_VALUE;

    public WindowAggregateOperator(WindowAggregateNode node, LateRowSinks lateSinks) {
        this.node = node;
        this.lateSinks = lateSinks;
        RowSchema in = node.input().schema();
        WindowSpec w = node.window();
        requireTimestamp(in, w.timeColumn(), "the window's time column");
        if (node.watermarkColumn() >= 0) {
            requireTimestamp(in, node.watermarkColumn(), "the _watermark column");
        }
    }

    private static void requireTimestamp(RowSchema in, int column, String what) {
        if (column >= in.size() || in.get(column).type().kind() != TypeKind.TIMESTAMP) {
            throw new IllegalArgumentException(what + " (input column " + column + ") must be a TIMESTAMP");
        }
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.context = context;
        this.output = output;
        RowSchema in = node.input().schema();
        List<DataType> inputTypes = new ArrayList<>();
        for (Column c : in.columns()) {
            inputTypes.add(c.type());
        }
        this.results = new WindowResults(node.schema(), node.groupKeys().size(), node.calls().size(),
                node.late().kind() == LatePolicy.Kind.UPDATE, context.allocator());
        LatePolicy policy = node.late() == null ? LatePolicy.DROP : node.late();
        this.late = new LateRows(context.metrics(), policy.kind() == LatePolicy.Kind.ROUTE
                ? lateSinks.open(policy.routeTarget(), in, context) : null);
        Lateness lateness = new Lateness(policy);
        WindowSpec w = node.window();
        this.state = w.kind() == WindowSpec.Kind.SESSION
                ? new SessionWindowState(w.gap(), w.timeColumn(), node.watermarkColumn(), node.groupKeys(),
                        w.partitionKeys(), node.calls(), in, lateness, results, context.metrics(), context.allocator())
                : new AlignedWindowState(new WindowAssigner(w), w.timeColumn(), node.watermarkColumn(), node.groupKeys(),
                        node.calls(), inputTypes, lateness, results, context.metrics());
    }

    /**
     * What the window states compare window ends with: the watermark plus one, the first event time
     * still on time. A window {@code [start, end)} is complete once the watermark reaches
     * {@code end - 1} (its last millisecond, as Flink fires it), i.e. once the progress reaches
     * {@code end}. {@code Long.MAX_VALUE} (end of input) stays itself.
     */
    static long progress(long watermark) {
        return watermark == Long.MAX_VALUE ? watermark : watermark + 1;
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        context.metrics().addRowsIn(batch.getRowCount());
        state.add(batch, progress(watermark), late, output);
        late.finish(batch);
        if (node.processingTime()) {
            fireByClock();
        }
        context.metrics().stateBytes(state.retainedBytes());
    }

    /**
     * On processing time: fires the windows the clock has passed. A row's time is the clock when it was
     * projected, before it got here, so once the clock reads {@code end} no row of {@code [start, end)}
     * is still to come (the watermark is the clock minus 1 ms).
     */
    private void fireByClock() {
        long now = context.clock().millis();
        if (now != Long.MIN_VALUE && now - 1 > watermark) {
            advance(now - 1);
        }
    }

    @Override
    public void onWatermark(int input, long w) {
        if (node.processingTime() && w != Long.MAX_VALUE) {
            fireByClock(); // an upstream watermark is on event time: only a moment to look at the clock
            return;
        }
        if (w <= watermark) {
            return;
        }
        advance(w);
        output.watermark(w);
    }

    private void advance(long w) {
        long previous = watermark;
        watermark = w;
        state.fire(progress(previous), progress(w), output);
        context.metrics().stateBytes(state.retainedBytes());
        context.metrics().watermark(w);
    }

    @Override
    public void onEndOfInput(int input) {
        output.finish();
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIO.writeVersion(out, 1);
        out.writeBoolean(state instanceof SessionWindowState);
        out.writeLong(watermark);
        context.metrics().snapshotRowFates(out);
        state.snapshot(out);
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, 1, "a window aggregate");
        if (in.readBoolean() != state instanceof SessionWindowState) {
            throw new IOException("the checkpoint's window aggregate is of another window kind: it is of another plan");
        }
        watermark = in.readLong();
        context.metrics().restoreRowFates(in);
        if (watermark != Long.MIN_VALUE) {
            context.metrics().watermark(watermark);
        }
        state.restore(in);
        context.metrics().stateBytes(state.retainedBytes());
    }

    @Override
    public boolean needsMoreInput() {
        return output.needsMoreInput();
    }

    @Override
    public void close() {
        if (state != null) {
            state.close();
        }
        if (late != null) {
            late.close();
        }
        if (results != null) {
            results.close();
        }
    }
}
