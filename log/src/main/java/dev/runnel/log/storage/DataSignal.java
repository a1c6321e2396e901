package dev.runnel.log.storage;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes readers that wait for new data without polling: appenders bump a version; a reader
 * remembers the version, checks its partitions, and if nothing is new waits until the version moves.
 * Thread-safe.
 */
public final class DataSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile long version;
    private volatile int waiters;

    public long version() {
        return version;
    }

    /** Called after data became visible. Cheap when nobody waits. */
    public void signal() {
        lock.lock();
        try {
            version++;
            if (waiters > 0) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the version differs from {@code seen} or the timeout passes. True if it changed. */
    public boolean await(long seen, long timeoutMs) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            waiters++;
            try {
                while (version == seen) {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = changed.awaitNanos(nanos);
                }
                return true;
            } finally {
                waiters--;
            }
        } finally {
            lock.unlock();
        }
    }
}
