package dev.runnel.jdbc.impl;

import dev.runnel.jdbc.spi.EngineMeta;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * What Runnel's Statement and PreparedStatement share (they extend different Avatica classes):
 * cancel through the engine (embedded) or by closing the statement on the server (remote, which is
 * how a Runnel server stops its query), the query timeout, warnings and messages. One per
 * statement; {@link #cancel()} may be called from any thread.
 */
final class StatementSupport {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "runnel-jdbc-query-timeout");
        t.setDaemon(true);
        return t;
    });

    private final AvaticaStatement statement;
    private final Meta meta;
    private final EngineMeta engine;
    private volatile boolean cancelRequested;
    private volatile int timedOutAfter;
    private volatile ScheduledFuture<?> timeout;
    private volatile long generation;

    StatementSupport(AvaticaStatement statement, Meta meta) {
        this.statement = statement;
        this.meta = meta;
        this.engine = meta instanceof EngineMeta e ? e : null;
    }

    /**
     * Called when an execution starts: a cancel belongs to the execution it interrupted, and a
     * query timeout (seconds, 0 for none) starts counting; it covers executing and reading the result.
     */
    void executionStarts(int timeoutSeconds) {
        stopTimer();
        if (engine == null && statement.handle != null) {
            ResultNotes.forget(statement.handle.connectionId, statement.handle.id); // the last execution's
        }
        long current = ++generation;
        cancelRequested = false;
        timedOutAfter = 0;
        if (timeoutSeconds > 0) {
            timeout = TIMER.schedule(() -> {
                if (generation != current) {
                    return; // a later execution started: this timeout was for an earlier one
                }
                timedOutAfter = timeoutSeconds;
                if (statement instanceof Host h) {
                    h.flagCancelled(); // Avatica's flag first, so a reader that wakes up sees it
                }
                cancel();
            }, timeoutSeconds, TimeUnit.SECONDS);
        }
    }

    /** The result is read to its end or closed: the timeout no longer applies. */
    void executionEnds() {
        stopTimer();
    }

    private void stopTimer() {
        ScheduledFuture<?> t = timeout;
        timeout = null;
        if (t != null) {
            t.cancel(false);
        }
    }

    /** Stops the running query in the engine; the caller then sets Avatica's own flag. */
    void cancel() {
        cancelRequested = true;
        if (engine != null) {
            engine.cancel(statement.handle);
        } else {
            try {
                meta.closeStatement(statement.handle); // the server stops the query with its statement
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }

    /** Stops the engine-side query when its result set closes early. */
    void resultClosed() {
        stopTimer();
        if (engine != null) {
            engine.cancel(statement.handle);
        }
    }

    /** Arms the query timeout (the statement's {@code getQueryTimeout()}) for an execution about to start. */
    void executionStarts() {
        int seconds;
        try {
            seconds = statement.getQueryTimeout();
        } catch (SQLException e) {
            seconds = 0;
        }
        executionStarts(seconds);
    }

    /** The error a failed execution throws: a requested cancel wins over what the failure says. */
    SQLException failure(Throwable e) {
        return cancelRequested() ? cancelledError() : SqlErrors.translate(e);
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    /** What a read or execution that was cancelled throws: SQLSTATE 57014, a timeout saying so. */
    SQLException cancelledError() {
        int after = timedOutAfter;
        return after > 0
                ? new SQLTimeoutException("query timed out after " + after + (after == 1 ? " second" : " seconds"),
                        SqlErrors.CANCELLED)
                : SqlErrors.cancelled();
    }

    String resultMessage() {
        if (engine == null) {
            ResultNotes.Notes notes = remoteNotes();
            return notes == null ? null : notes.message();
        }
        return engine.resultMessage(statement.handle);
    }

    /** What the server said about this statement's execution (remote only), or null. */
    private ResultNotes.Notes remoteNotes() {
        return statement.handle == null ? null : ResultNotes.of(statement.handle.connectionId, statement.handle.id);
    }

    boolean unbounded() {
        return engine != null && engine.unbounded(statement.handle);
    }

    SQLWarning warnings() {
        List<String> warnings;
        if (engine == null) {
            ResultNotes.Notes notes = remoteNotes();
            warnings = notes == null ? List.of() : notes.warnings();
        } else {
            warnings = engine.warnings(statement.handle);
        }
        SQLWarning first = null;
        for (String w : warnings) {
            SQLWarning next = new SQLWarning(w, "01000");
            if (first == null) {
                first = next;
            } else {
                first.setNextWarning(next);
            }
        }
        return first;
    }

    /** Implemented by Runnel's statements so result sets can find their support. */
    interface Host {
        StatementSupport support();

        /** Sets Avatica's cancel flag of the statement (without its lock). */
        void flagCancelled();
    }
}
