package dev.runnel.sql;

/**
 * An error a user caused or must see: carries an SQLSTATE (JDBC maps it 1:1 to
 * {@code SQLException.getSQLState()}) and, where known, the script position it refers to. The
 * message is the user-facing text without the position prefix; {@link #getMessage()} adds it as
 * {@code line L, column C: ...}.
 *
 * <p>SQLSTATEs used: {@code 42000} syntax error, {@code 42S02} unknown table, {@code 42S22} unknown
 * column, {@code 42883} unknown function, {@code 42804} type mismatch, {@code 42S01} object exists,
 * {@code 22000} data exception, {@code 0A000} not supported, {@code 58000} storage failure,
 * {@code 57014} cancelled, {@code XX000} internal error.
 */
public class RunnelSqlException extends RuntimeException {
    private final String sqlState;
    private final SourcePos pos;
    private final String detail;

    public RunnelSqlException(String sqlState, String detail, SourcePos pos) {
        this(sqlState, detail, pos, null);
    }

    public RunnelSqlException(String sqlState, String detail, SourcePos pos, Throwable cause) {
        super(format(detail, pos), cause);
        this.sqlState = sqlState;
        this.pos = pos == null ? SourcePos.UNKNOWN : pos;
        this.detail = detail;
    }

    public String sqlState() {
        return sqlState;
    }

    /** Position in the script, or {@link SourcePos#UNKNOWN}. */
    public SourcePos position() {
        return pos;
    }

    /** The message without the position prefix. */
    public String detail() {
        return detail;
    }

    /** The same error with its position moved into script coordinates (for query bodies and scripts). */
    public RunnelSqlException relocated(SourcePos origin) {
        if (pos.equals(SourcePos.UNKNOWN)) {
            return new RunnelSqlException(sqlState, detail, origin, this);
        }
        return new RunnelSqlException(sqlState, detail, pos.relativeTo(origin), getCause());
    }

    private static String format(String detail, SourcePos pos) {
        return pos == null || pos.equals(SourcePos.UNKNOWN) ? detail : pos + ": " + detail;
    }
}
