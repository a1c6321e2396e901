package dev.runnel.exec.engine;

import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RowResult} fed by a query running on another thread: the producer {@link #offer}s chunks
 * of rows into a bounded queue (so a slow reader slows the query down) and then {@link #end}s or
 * {@link #fail}s; the reader {@link #fetch}es. The query's driver reports {@link #stopped()} once
 * its pipeline is closed, and {@link #cancel()} (from any other thread) waits for that, so when it
 * returns the query's memory is back with the engine. Every wait here polls the cancel flag at least
 * every 100 ms. Thread-safe between one producer and one reader; {@link #cancel()} from any thread.
 */
final class QueuedRowResult implements RowResult {
    private static final Object[][] END = new Object[0][];
    private static final int CAPACITY = 16;
    private static final long STOP_WAIT_SECONDS = 30;

    private final List<Column> columns;
    private final boolean unbounded;
    private final BlockingQueue<Object[][]> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Runnable onCancel;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private volatile Thread driver;
    private volatile boolean cancelled;
    private volatile RuntimeException failure;
    /** Whether rows were handed over or the query stopped (what ends its progress line). */
    private volatile boolean producedOrStopped;
    /** Whether every row was handed over: a cancel after that leaves the rows readable. */
    private volatile boolean complete;
    private Object[][] current;
    private int currentPos;
    private boolean ended;
    private boolean pendingEnd;

    QueuedRowResult(List<Column> columns, boolean unbounded, Runnable onCancel) {
        this.columns = List.copyOf(columns);
        this.unbounded = unbounded;
        this.onCancel = onCancel;
    }

    /** Producer: hands over a chunk of rows, waiting while the queue is full. False once cancelled. */
    boolean offer(Object[][] rows) {
        if (rows.length == 0) {
            return !cancelled;
        }
        producedOrStopped = true;
        try {
            while (!cancelled) {
                if (queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Driver: this thread runs the query (a cancel from it does not wait for itself). */
    void driving() {
        driver = Thread.currentThread();
    }

    /** Driver: the pipeline has stopped and released its memory. */
    void stopped() {
        producedOrStopped = true;
        stopped.countDown();
    }

    /** Whether the client has rows to read or the query has stopped. */
    boolean producedOrStopped() {
        return producedOrStopped;
    }

    /** Producer: no more rows. */
    void end() {
        complete = true;
        putMarker();
    }

    /** Producer: the query failed; the reader gets the error at its next fetch. */
    void fail(RuntimeException e) {
        failure = e;
        putMarker();
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    private void putMarker() {
        try {
            while (!queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
                if (cancelled) {
                    queue.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean unbounded() {
        return unbounded;
    }

    @Override
    public List<Object[]> fetch(int maxRows) {
        return fetch(maxRows, -1);
    }

    @Override
    public List<Object[]> fetch(int maxRows, long timeoutMillis) {
        checkNotCutShort();
        long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
        if (!ended && (current == null || currentPos == current.length) && queue.isEmpty() && !cancelled) {
            Object[][] first = take(deadline);
            if (first == null) {
                return null;
            }
            pushBack(first);
        }
        List<Object[]> out = new ArrayList<>(Math.min(Math.max(maxRows, 1), 4096));
        while (out.size() < maxRows && !ended) {
            if (current == null || currentPos == current.length) {
                Object[][] next = out.isEmpty() ? take(Long.MAX_VALUE) : queue.poll();
                if (next == null) {
                    break;
                }
                if (next == END) {
                    checkNotCutShort();
                    ended = true;
                    if (failure != null && !cancelled) {
                        throw failure;
                    }
                    break;
                }
                current = next;
                currentPos = 0;
            }
            while (currentPos < current.length && out.size() < maxRows) {
                out.add(current[currentPos++]);
            }
        }
        return out;
    }

    /** A pull query cut short by a cancel has no meaningful rows (a push query's rows so far stay readable). */
    private void checkNotCutShort() {
        if (cancelled && !unbounded && !complete) {
            throw new RunnelSqlException("57014", "query cancelled", SourcePos.UNKNOWN);
        }
    }

    /** Hands a chunk taken while waiting back to {@link #fetch}, ahead of the queue. */
    private void pushBack(Object[][] chunk) {
        if (current != null && currentPos < current.length) {
            throw new IllegalStateException("rows pending");
        }
        current = chunk == END ? null : chunk;
        currentPos = 0;
        if (chunk == END) {
            pendingEnd = true;
        }
    }

    /** The next chunk; null once {@code deadline} (System.nanoTime) passes without one. */
    private Object[][] take(long deadline) {
        if (pendingEnd) {
            return END;
        }
        try {
            while (true) {
                if (cancelled) {
                    return END;
                }
                long left = deadline == Long.MAX_VALUE ? 100 : Math.min(100, (deadline - System.nanoTime()) / 1_000_000L);
                if (left <= 0) {
                    return null;
                }
                Object[][] next = queue.poll(left, TimeUnit.MILLISECONDS);
                if (next != null) {
                    return next;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunnelSqlException("57014", "the query was interrupted", SourcePos.UNKNOWN);
        }
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            onCancel.run();
            queue.clear();
        }
        if (Thread.currentThread() != driver) {
            try {
                if (!stopped.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    warnings.add("the query did not stop within " + STOP_WAIT_SECONDS + " s of its cancel");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void close() {
        cancel();
    }
}
