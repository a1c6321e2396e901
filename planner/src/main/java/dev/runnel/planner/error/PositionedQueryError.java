package dev.runnel.planner.error;

import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * An error Runnel raises itself while Calcite validates a query body (window functions, time
 * attributes): already in Runnel's words, with its SQLSTATE and the position of the offending node
 * within the body. {@link CalciteErrors#map} passes it through unchanged, moving the position to
 * the script. Thrown from inside Calcite's validator, hence a {@link CalciteContextException}. Immutable.
 */
public final class PositionedQueryError extends CalciteContextException {
    private final String sqlState;
    private final String detail;

    public PositionedQueryError(String sqlState, String detail, SqlParserPos pos) {
        super(detail, new SqlValidatorException(detail, null), pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
        this.sqlState = sqlState;
        this.detail = detail;
    }

    public String sqlState() {
        return sqlState;
    }

    public String detail() {
        return detail;
    }
}
