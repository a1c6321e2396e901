package dev.runnel.jdbc.impl;

import dev.runnel.jdbc.RunnelStatement;
import java.io.InputStream;
import java.io.Reader;
import java.sql.NClob;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

/** A Runnel {@link java.sql.PreparedStatement}: engine errors keep their SQLSTATE, cancel reaches the engine. */
final class RunnelPreparedStatementImpl extends AvaticaPreparedStatement
        implements RunnelStatement, StatementSupport.Host {
    private final StatementSupport support;

    RunnelPreparedStatementImpl(AvaticaConnection connection, Meta.StatementHandle h, Meta.Signature signature,
            int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
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
    public ResultSet executeQuery() throws SQLException {
        starting();
        try {
            return super.executeQuery();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public boolean execute() throws SQLException {
        starting();
        try {
            return super.execute();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        starting();
        try {
            return super.executeLargeUpdate();
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

    /** Reaches the engine first and without the statement's lock, which Avatica holds while executing. */
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

    // JDBC 4.1 setters Avatica leaves to the concrete class; each goes to the parameter's site.

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        getSite(parameterIndex).setRowId(x);
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        getSite(parameterIndex).setNString(value);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        getSite(parameterIndex).setNCharacterStream(value, length);
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        getSite(parameterIndex).setNClob(value);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        getSite(parameterIndex).setClob(reader, length);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        getSite(parameterIndex).setBlob(inputStream, length);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        getSite(parameterIndex).setNClob(reader, length);
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        getSite(parameterIndex).setSQLXML(xmlObject);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        getSite(parameterIndex).setAsciiStream(x, length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        getSite(parameterIndex).setBinaryStream(x, length);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        getSite(parameterIndex).setCharacterStream(reader, length);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        getSite(parameterIndex).setAsciiStream(x);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        getSite(parameterIndex).setBinaryStream(x);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        getSite(parameterIndex).setCharacterStream(reader);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        getSite(parameterIndex).setNCharacterStream(value);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        getSite(parameterIndex).setClob(reader);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        getSite(parameterIndex).setBlob(inputStream);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        getSite(parameterIndex).setNClob(reader);
    }
}
