package dev.runnel.exec.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How a read-your-writes query waits for a view's job: the job calls {@link #progressed()} after
 * each step it records (a position in an input partition, a version of a view it reads), and a
 * waiter takes a {@link #reading()}, checks whether the view has caught up, and if not
 * {@link #await}s the next step after that reading, so it wakes as soon as the job reads on instead
 * of polling. Costs the job an atomic increment while nobody waits. Thread-safe.
 */
final class ViewProgress {
    private final AtomicLong steps = new AtomicLong();
    private final AtomicInteger waiters = new AtomicInteger();

    /** The job recorded a step: wakes every waiter. */
    void progressed() {
        steps.incrementAndGet();
        if (waiters.get() > 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** The steps so far; take it before checking whether the view has caught up. */
    long reading() {
        return steps.get();
    }

    /** Waits until a step after the reading {@code seen}, at most {@code maxNanos}. */
    void await(long seen, long maxNanos) throws InterruptedException {
        waiters.incrementAndGet();
        try {
            synchronized (this) {
                long end = System.nanoTime() + maxNanos;
                for (long left = maxNanos; steps.get() == seen && left > 0; left = end - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
        } finally {
            waiters.decrementAndGet();
        }
    }
}
