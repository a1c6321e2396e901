package dev.runnel.jdbc.impl;

import dev.runnel.jdbc.RunnelStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/** A Runnel {@link java.sql.Statement}: engine errors keep their SQLSTATE, cancel reaches the engine. */
final class RunnelStatementImpl extends AvaticaStatement implements RunnelStatement, StatementSupport.Host {
    private final StatementSupport support;
    private volatile boolean escapeProcessing = true;

    RunnelStatementImpl(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
            int resultSetConcurrency, int resultSetHoldability) {
        super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
        this.support = new StatementSupport(this, ((RunnelConnectionImpl) connection).meta());
    }

    @Override
    public StatementSupport support() {
        return support;
    }

    @Override
    public void flagCancelled() {
        cancelFlag.set(true);
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        starting();
        try {
            return super.execute(escapes(sql));
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        starting();
        try {
            return super.executeQuery(escapes(sql));
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        starting();
        try {
            return super.executeLargeUpdate(escapes(sql));
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        starting();
        try {
            return super.executeLargeBatch();
        } catch (SQLException | RuntimeException e) {
            throw failure(e);
        }
    }

    private SQLException failure(Throwable e) {
        return support.failure(e);
    }

    private void starting() {
        support.executionStarts();
        cancelFlag.set(false);
    }

    private String escapes(String sql) {
        return escapeProcessing ? JdbcEscapes.translate(sql) : sql;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
        escapeProcessing = enable;
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        super.addBatch(escapes(sql));
    }

    /** Unlike Avatica's, reaches the engine first and without the statement's lock, which a running execute holds. */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        support.cancel();
        super.cancel();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return support.warnings();
    }

    @Override
    public String getResultMessage() throws SQLException {
        checkOpen();
        return support.resultMessage();
    }
}
