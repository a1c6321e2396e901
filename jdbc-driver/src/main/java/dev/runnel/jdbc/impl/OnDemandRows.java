package dev.runnel.jdbc.impl;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;

/**
 * A remote result's rows, fetched from the server only when the reader asks for a row the frames
 * so far do not hold. Avatica's own iterator fetches the next frame as soon as the last row of the
 * current one is handed out, so over the network a push query's row reached the reader only once
 * the row after it existed, and {@code executeQuery} waited for the first row; here a row is
 * readable as soon as the server has sent it. Frames hold up to the statement's fetch size. A
 * statement the server no longer knows (it was cancelled or closed there) ends in an error rather
 * than in Avatica's silent re-execution, which would start a push query over. Used by the result
 * set's reading thread only.
 */
final class OnDemandRows implements Iterable<Object> {
    private final AvaticaStatement statement;
    private final Meta meta;
    private final Meta.Frame first;

    OnDemandRows(AvaticaStatement statement, Meta meta, Meta.Frame first) {
        this.statement = statement;
        this.meta = meta;
        this.first = first;
    }

    @Override
    public Iterator<Object> iterator() {
        return new Iterator<>() {
            private Iterator<Object> rows = first == null ? List.of().iterator() : first.rows.iterator();
            private boolean done = first != null && first.done;
            private long offset = first == null ? 0 : first.offset; // rows handed out so far

            @Override
            public boolean hasNext() {
                while (!rows.hasNext()) {
                    if (done) {
                        return false;
                    }
                    Meta.Frame f;
                    try {
                        f = meta.fetch(statement.handle, offset, fetchSize());
                    } catch (NoSuchStatementException | MissingResultsException e) {
                        throw new IllegalStateException("the statement's result is closed on the server", e);
                    }
                    if (f == null) {
                        done = true;
                        return false;
                    }
                    rows = f.rows.iterator();
                    done = f.done;
                }
                return true;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                offset++;
                return rows.next();
            }
        };
    }

    private int fetchSize() {
        try {
            int n = statement.getFetchSize();
            return n > 0 ? n : AvaticaStatement.DEFAULT_FETCH_SIZE;
        } catch (java.sql.SQLException e) {
            return AvaticaStatement.DEFAULT_FETCH_SIZE;
        }
    }
}
