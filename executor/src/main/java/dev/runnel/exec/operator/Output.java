package dev.runnel.exec.operator;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Where an operator sends its results. Call order: any number of {@link #emit}, then {@link #finish}
 * once. Single-threaded: called by the thread that drives the operator.
 */
public interface Output {
    /**
     * Receives one batch. The batch belongs to the emitter and is valid only during this call: the
     * receiver copies (or transfers) what it keeps, and the emitter may reuse or close it afterwards.
     */
    void emit(VectorSchemaRoot batch);

    /** No more batches will come. */
    void finish();

    /**
     * Event time has advanced: no row emitted from now on belongs before {@code watermark} (epoch
     * millis; {@code Long.MAX_VALUE} at the end of bounded input). Watermarks never decrease. A
     * window {@code [start, end)} may fire once the watermark reaches {@code end}. Default: ignored.
     */
    default void watermark(long watermark) {}

    /**
     * The emitter (a source) has nothing to send now and is waiting for input: a quiet moment, in
     * which the driver may do periodic work (a checkpoint). Default: ignored.
     */
    default void idle() {}

    /**
     * Whether the receiver can still use batches: a hint for emitters that can stop early (emitting
     * more is allowed and ignored). Default: true.
     */
    default boolean needsMoreInput() {
        return true;
    }
}
