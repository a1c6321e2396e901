package dev.runnel.exec.operator;

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

    @Override
    void close();
}
