package dev.runnel.exec.expr.fn;

import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;

/** The errors expressions raise at run time (SQLSTATE 22000) or when compiled (0A000). Stateless. */
public final class SqlErrors {
    private SqlErrors() {}

    /** A data exception: the value cannot be computed (overflow, bad cast, division by zero). */
    public static RunnelSqlException data(String message) {
        return new RunnelSqlException("22000", message, SourcePos.UNKNOWN);
    }

    /** An expression shape the executor does not support. */
    public static RunnelSqlException unsupported(String message) {
        return new RunnelSqlException("0A000", message, SourcePos.UNKNOWN);
    }

    public static RunnelSqlException divisionByZero() {
        return data("division by zero");
    }

    /** Quotes a value inside an error message, shortened if long. */
    public static String quote(String value) {
        String v = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return "'" + v.replace("'", "''") + "'";
    }
}
