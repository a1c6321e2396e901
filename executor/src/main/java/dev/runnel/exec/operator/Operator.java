package dev.runnel.exec.operator;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A push-based operator over Arrow batches. One class per idea (filter, project, hash aggregate,
 * sort, hash join, ...); made from an immutable plan node by a small factory.
 *
 * <p>Call order: {@link #open} once; then, per input (0 = left/only, 1 = right), any number of
 * {@link #onBatch} calls followed by one {@link #onEndOfInput}; then {@link #close} (also after a
 * failure). When every input has ended, the operator emits what it still holds and calls
 * {@link Output#finish()}. Single-threaded: one driver thread calls all methods.
 *
 * <p>Ownership: a batch passed to {@link #onBatch} belongs to the caller and is valid only during
 * the call; batches the operator emits belong to the operator. An operator may also pass the batch it
 * is handling straight on (a filter that keeps every row): it stays valid for the whole emit.
 */
public interface Operator extends AutoCloseable {
    void open(OperatorContext context, Output output);

    void onBatch(int input, VectorSchemaRoot batch);

    void onEndOfInput(int input);

    /**
     * Event time on {@code input} reached {@code watermark} (see {@link Output#watermark}): no row
     * that arrives on that input from now on belongs before it. Comes between batches, never
     * decreasing per input. An operator with several inputs forwards the minimum over its inputs
     * (an ended input no longer holds it back); an operator that holds rows back (aggregates, sorts,
     * windows) forwards a watermark only after emitting every row it closes, so downstream never sees
     * a row behind a watermark it already passed on; stateless operators forward it unchanged. No
     * default: every operator states what it does with time ({@link WatermarkCombiner} helps).
     */
    void onWatermark(int input, long watermark);

    /**
     * Whether this operator can still use input. False once it has everything it needs (a LIMIT
     * reached, or its downstream needs nothing more); drivers then may stop the sources that feed it,
     * and still end each input with {@link #onEndOfInput}. Batches that arrive anyway are ignored.
     * Default: true.
     */
    default boolean needsMoreInput() {
        return true;
    }

    /**
     * Writes the operator's state (what it holds between batches: groups, accumulators, open
     * windows, the watermark it reached, which inputs ended, counters that change results) so that
     * {@link #restore} on a fresh instance of the same plan continues exactly as this one would:
     * the same rows in the same order and the same watermarks. The basis of checkpoints. Called on
     * the driver thread between batches, after {@link #open}. No default: every operator states
     * what it keeps (a stateless one writes nothing, and says so), each documenting its byte layout
     * (compact binary; bulk state as arrays, see {@code dev.runnel.exec.state.StateIO}).
     */
    void snapshot(DataOutputStream out) throws IOException;

    /**
     * Reads back what {@link #snapshot} wrote, on a fresh instance after {@link #open} (with a fresh
     * context) and before any batch, watermark or end of input. State of another plan or layout
     * fails with an {@link IOException} that says what differs.
     */
    void restore(DataInputStream in) throws IOException;

    @Override
    void close();
}
