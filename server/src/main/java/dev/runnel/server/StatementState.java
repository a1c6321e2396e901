package dev.runnel.server;

import dev.runnel.exec.engine.PreparedInfo;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.UpdateResult;
import dev.runnel.planner.catalog.Column;
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
    private volatile boolean closed;
    private long offset;
    private boolean done;
    private long rowLimit = -1;
    private long delivered;
    private String message;
    private List<String> updateWarnings = List.of();

    private String signatureSql;
    private List<Column> signatureColumns;
    private Meta.Signature signature;

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

    /** The result signature made for the last execution, if it had this text and these columns; else null. */
    Meta.Signature resultSignature(String sql, List<Column> columns) {
        return signature != null && sql.equals(signatureSql) && columns.equals(signatureColumns) ? signature : null;
    }

    /** Keeps {@code signature} for the next execution with this text and these columns. */
    void resultSignature(String sql, List<Column> columns, Meta.Signature signature) {
        this.signatureSql = sql;
        this.signatureColumns = columns;
        this.signature = signature;
    }

    void acceptRows(RowResult result) {
        if (closed) {
            result.close(); // closed (a remote cancel closes the statement) while the query was being planned
            return;
        }
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
        return fetch(maxRows, -1);
    }

    /**
     * The next frame of rows. A bounded result's frame holds {@code maxRows} rows or all that are
     * left, and says when it is the last. A push query's frame holds the rows there are once at least
     * one is (or the end), waiting at most
     * about {@code pollMillis} (when not negative): then the frame is empty and not done, and the
     * client asks again.
     */
    Meta.Frame fetch(int maxRows, long pollMillis) {
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
        boolean ended = false;
        try {
            if (rr.unbounded()) {
                got = pollMillis >= 0 ? rr.fetch((int) n, pollMillis) : rr.fetch((int) n);
            } else {
                // A bounded result fills its frame up to the end, so a small one (a point lookup's row)
                // arrives marked done and the client needs no second round trip to learn there is no more.
                got = new ArrayList<>();
                while (got.size() < n) {
                    List<Object[]> more = rr.fetch((int) (n - got.size()));
                    if (more.isEmpty()) {
                        ended = true;
                        break;
                    }
                    got.addAll(more);
                }
            }
        } catch (RuntimeException e) {
            done = true;
            throw EngineErrors.translate(e);
        }
        if (got == null) {
            return new Meta.Frame(offset, false, List.of()); // no row yet
        }
        long start = offset;
        offset += got.size();
        delivered += got.size();
        if (got.isEmpty() || ended) {
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
        closed = true;
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
