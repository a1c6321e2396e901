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
     * Writes where the source is (per partition: the offset after the last row it emitted, and what
     * its watermark depends on) so that {@link #restore} makes a fresh source continue right after
     * the last batch or watermark it emitted: the same rows, batches and watermarks as if it had not
     * stopped. Called on the driver thread between batches: from within an {@link Output#emit} or
     * {@link Output#watermark} of {@link #run} (so a source must know where it is before it emits),
     * after {@link #open}. No default: every source states what it keeps.
     */
    void snapshot(DataOutputStream out) throws IOException;

    /** Reads back what {@link #snapshot} wrote, on a fresh source after {@link #open} and before {@link #run}. */
    void restore(DataInputStream in) throws IOException;

    @Override
    void close();
}
