package dev.runnel.jdbc.impl;

import dev.runnel.jdbc.RunnelResultSet;
import dev.runnel.jdbc.spi.EngineMeta;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.QueryState;

/**
 * A Runnel result set: Avatica's, with fetch failures as SQLExceptions carrying the engine's
 * SQLSTATE, cancellation as SQLSTATE 57014, and closing early stopping the query in the engine.
 */
final class RunnelResultSetImpl extends AvaticaResultSet implements RunnelResultSet {
    private boolean closeReported;

    RunnelResultSetImpl(AvaticaStatement statement, QueryState state, Meta.Signature signature,
            ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
        super(statement, state, signature, metaData, timeZone, firstFrame);
    }

    /**
     * Remote results read their frames on demand ({@link OnDemandRows}); embedded ones through the
     * engine's Meta, which already does.
     */
    @Override
    protected AvaticaResultSet execute() throws SQLException {
        Meta meta = statement.connection instanceof RunnelConnectionImpl c ? c.meta() : null;
        if (meta == null || meta instanceof EngineMeta || (firstFrame != null && firstFrame.done)) {
            return super.execute();
        }
        return execute2(MetaImpl.createCursor(signature.cursorFactory, new OnDemandRows(statement, meta, firstFrame)),
                columnMetaDataList);
    }

    private StatementSupport support() {
        return statement instanceof StatementSupport.Host h ? h.support() : null;
    }

    private boolean cancelled() {
        StatementSupport s = support();
        return s != null && s.cancelRequested();
    }

    @Override
    public boolean next() throws SQLException {
        boolean has;
        try {
            has = super.next();
        } catch (SQLException | RuntimeException e) {
            if (cancelled()) {
                throw support().cancelledError();
            }
            throw SqlErrors.translate(e);
        }
        if (!has) {
            StatementSupport s = support();
            if (s != null) {
                s.executionEnds();
            }
            if (cancelled()) {
                throw s.cancelledError();
            }
        }
        return has;
    }

    @Override
    public void close() {
        super.close();
        StatementSupport s = support();
        if (!closeReported && s != null) {
            closeReported = true;
            s.resultClosed();
        }
    }

    @Override
    public boolean isUnbounded() throws SQLException {
        checkOpen();
        StatementSupport s = support();
        return s != null && s.unbounded();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        StatementSupport s = support();
        return s == null ? null : s.warnings();
    }
}
