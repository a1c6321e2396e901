package dev.runnel.exec.operator.window;

import dev.runnel.exec.operator.Output;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The state and algorithm of one window family inside {@link WindowAggregateOperator}: aligned
 * windows ({@link AlignedWindowState}) or sessions ({@link SessionWindowState}). Call order:
 * {@link #add} per input batch and {@link #fire} per advancing watermark, in stream order, then
 * {@link #close}. Single-threaded.
 */
interface WindowState {
    /**
     * Folds the rows of {@code batch} into their windows, given the operator's watermark as
     * progress {@code watermark} (watermark + 1: windows ending at or before it have fired). Rows no window can take go to {@code late}; late rows that
     * change an already emitted result (late = 'update') emit the change to {@code output} at once.
     */
    void add(VectorSchemaRoot batch, long watermark, LateRows late, Output output);

    /**
     * The watermark advanced from progress {@code previous} to progress {@code watermark} (each
     * watermark + 1): emits the windows ending at or before it, drops what expires.
     */
    void fire(long previous, long watermark, Output output);

    /**
     * Writes the open windows (bounds, groups, accumulators or rows, what was emitted), so that
     * {@link #restore} on a fresh state of the same plan continues as this one would. Between batches.
     */
    void snapshot(DataOutputStream out) throws IOException;

    /** Reads what {@link #snapshot} wrote, before any batch. */
    void restore(DataInputStream in) throws IOException;

    /** Approximate heap bytes held. */
    long retainedBytes();

    void close();
}
