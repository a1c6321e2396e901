package dev.runnel.exec.operator;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import dev.runnel.log.LogStore;
import dev.runnel.log.TopicPartition;

/**
 * A leaf of a running plan: produces batches into an {@link Output} (a scan of a topic, constant
 * rows). Bounded sources call {@link Output#finish()} when done; unbounded ones run until
 * {@link #cancel()}. Call order: {@link #open}, then either {@link #run} or any number of
 * {@link #poll} calls (on the driver thread), {@link #close}. {@link #cancel} may be called from any
 * thread.
 */
public interface BatchSource extends AutoCloseable {
    void open(OperatorContext context);

    /** Pushes batches into {@code output} until done or cancelled; batches are valid only during emit. */
    void run(Output output);

    /** What one {@link #poll} achieved. */
    enum Poll {
        /** It emitted something, or has more at hand: poll again soon. */
        MORE,
        /** Nothing was there to emit: an unbounded source waits for data ({@link #dataWait}). */
        IDLE,
        /** It finished its output (a bounded source at its end); do not poll again. */
        DONE
    }

    /**
     * A bounded step of work, so that one thread can drive several unbounded sources in turn: emits
     * what is available now (at most about one fetch per partition) and says whether more may come
     * at once, later, or never. A source that finishes calls {@link Output#finish()} and returns
     * {@link Poll#DONE}. Checkpoints may be taken from within its emits, as from within {@link #run}.
     * Default: runs to the end, which only a bounded source may do.
     */
    default Poll poll(Output output) {
        if (unbounded()) {
            throw new dev.runnel.sql.RunnelSqlException("0A000", getClass().getSimpleName()
                    + " cannot take turns with another unbounded input yet", dev.runnel.sql.SourcePos.UNKNOWN);
        }
        run(output);
        return Poll.DONE;
    }

    /** Whether the source runs until cancelled (a tailing scan); default false. */
    default boolean unbounded() {
        return false;
    }

    /**
     * What an idle unbounded source waits for: positions in a log, so that a driver of several
     * sources waits for any of them in one {@link LogStore#awaitData} call. Empty when the source
     * cannot say (then {@link #await} is used).
     */
    default Optional<DataWait> dataWait() {
        return Optional.empty();
    }

    /** Blocks up to {@code millis} or until this idle source may have data (default: a short sleep). */
    default void await(long millis) {
        try {
            Thread.sleep(Math.min(millis, 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Log positions an idle source waits beyond: data at or after any of them wakes it. */
    record DataWait(LogStore store, Map<TopicPartition, Long> positions) {}

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
