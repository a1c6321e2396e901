package dev.runnel.server;

import dev.runnel.exec.engine.PreparedInfo;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.UpdateResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta;

/**
 * One JDBC statement as the engine side sees it: what it prepared, and the result of its current
 * execution (rows being fetched, or an update's message and warnings).
 *
 * <p>The statement's thread executes and fetches; {@link #cancel()} may come from any thread.
 */
final class StatementState {
    /** Rows per fetch when the client does not say. */
    static final int DEFAULT_FETCH = 100;

    final Meta.StatementHandle handle;
    private String preparedSql;
    private PreparedInfo prepared;

    private volatile RowResult rows;
    private volatile boolean cancelRequested;
    private long offset;
    private boolean done;
    private long rowLimit = -1;
    private long delivered;
    private String message;
    private List<String> updateWarnings = List.of();

    StatementState(Meta.StatementHandle handle) {
        this.handle = handle;
    }

    void prepared(String sql, PreparedInfo info) {
        this.preparedSql = sql;
        this.prepared = info;
    }

    String preparedSql() {
        return preparedSql;
    }

    PreparedInfo preparedInfo() {
        return prepared;
    }

    /** Ends the previous result; {@code maxRowCount} > 0 caps the rows the next one delivers. */
    void beginExecution(long maxRowCount) {
        closeResult();
        cancelRequested = false;
        message = null;
        updateWarnings = List.of();
        rowLimit = maxRowCount > 0 ? maxRowCount : -1;
        offset = 0;
        delivered = 0;
        done = false;
    }

    void acceptRows(RowResult result) {
        rows = result;
        if (cancelRequested) {
            result.cancel(); // cancel arrived while the statement was still being planned
        }
    }

    void acceptUpdate(UpdateResult result) {
        message = result.message();
        updateWarnings = result.warnings();
    }

    /** The next frame of rows; blocks until at least one row is there or the result ends. */
    Meta.Frame fetch(int maxRows) {
        RowResult rr = rows;
        if (rr == null || done) {
            return new Meta.Frame(offset, true, List.of());
        }
        long n = maxRows > 0 ? maxRows : DEFAULT_FETCH;
        if (rowLimit >= 0) {
            n = Math.min(n, rowLimit - delivered);
        }
        if (n <= 0) {
            done = true;
            rr.cancel();
            return new Meta.Frame(offset, true, List.of());
        }
        List<Object[]> got;
        try {
            got = rr.fetch((int) n);
        } catch (RuntimeException e) {
            done = true;
            throw EngineErrors.translate(e);
        }
        long start = offset;
        offset += got.size();
        delivered += got.size();
        if (got.isEmpty()) {
            done = true;
        } else if (rowLimit >= 0 && delivered >= rowLimit) {
            done = true;
            rr.cancel();
        }
        return new Meta.Frame(start, done, new ArrayList<Object>(got));
    }

    boolean unbounded() {
        RowResult rr = rows;
        return rr != null && rr.unbounded();
    }

    void cancel() {
        cancelRequested = true;
        RowResult rr = rows;
        if (rr != null) {
            rr.cancel();
        }
    }

    String message() {
        return message;
    }

    List<String> warnings() {
        RowResult rr = rows;
        return rr != null ? rr.warnings() : updateWarnings;
    }

    void close() {
        closeResult();
    }

    private void closeResult() {
        RowResult rr = rows;
        rows = null;
        if (rr != null) {
            rr.close();
        }
    }
}
