package dev.runnel.exec.operator;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A leaf of a running plan: produces batches into an {@link Output} (a scan of a topic, constant
 * rows). Bounded sources call {@link Output#finish()} when done; unbounded ones run until
 * {@link #cancel()}. Call order: {@link #open}, {@link #run} (on the driver thread), {@link #close}.
 * {@link #cancel} may be called from any thread.
 */
public interface BatchSource extends AutoCloseable {
    void open(OperatorContext context);

    /** Pushes batches into {@code output} until done or cancelled; batches are valid only during emit. */
    void run(Output output);

    void cancel();

    /**
     * Writes where the source is (per partition: the next offset to read, and what its watermark
     * depends on) so that {@link #restore} makes a fresh source continue right after the last batch
     * it emitted. Called on the driver thread between batches (from within {@link #run}'s emit
     * callback returning), after {@link #open}. Default: refuses, naming the source.
     */
    default void snapshot(DataOutputStream out) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot checkpoint its position yet");
    }

    /** Reads back what {@link #snapshot} wrote, after {@link #open} and before {@link #run}. Default: refuses. */
    default void restore(DataInputStream in) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot restore a checkpoint yet");
    }

    @Override
    void close();
}
