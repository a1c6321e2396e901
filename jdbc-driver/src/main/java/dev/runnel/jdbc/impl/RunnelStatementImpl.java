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
    public boolean execute(String sql) throws SQLException {
        starting();
        try {
            return super.execute(sql);
        } catch (SQLException e) {
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        starting();
        try {
            return super.executeQuery(sql);
        } catch (SQLException e) {
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        starting();
        try {
            return super.executeLargeUpdate(sql);
        } catch (SQLException e) {
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        starting();
        try {
            return super.executeLargeBatch();
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }

    private void starting() {
        support.executionStarts();
        cancelFlag.set(false);
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
