package dev.runnel.jdbc.impl;

import dev.runnel.jdbc.spi.EngineMeta;
import java.sql.SQLWarning;
import java.util.List;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * What Runnel's Statement and PreparedStatement share (they extend different Avatica classes):
 * cancel through the engine, warnings and messages from it. One per statement; {@link #cancel()}
 * may be called from any thread.
 */
final class StatementSupport {
    private final AvaticaStatement statement;
    private final EngineMeta engine;
    private volatile boolean cancelRequested;

    StatementSupport(AvaticaStatement statement, Meta meta) {
        this.statement = statement;
        this.engine = meta instanceof EngineMeta e ? e : null;
    }

    /** Called when an execution starts: a cancel belongs to the execution it interrupted. */
    void executionStarts() {
        cancelRequested = false;
    }

    /** Stops the running query in the engine; the caller then sets Avatica's own flag. */
    void cancel() {
        cancelRequested = true;
        if (engine != null) {
            engine.cancel(statement.handle);
        }
    }

    /** Stops the engine-side query when its result set closes early. */
    void resultClosed() {
        if (engine != null) {
            engine.cancel(statement.handle);
        }
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    String resultMessage() {
        return engine == null ? null : engine.resultMessage(statement.handle);
    }

    boolean unbounded() {
        return engine != null && engine.unbounded(statement.handle);
    }

    SQLWarning warnings() {
        if (engine == null) {
            return null;
        }
        List<String> warnings = engine.warnings(statement.handle);
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
    }
}
