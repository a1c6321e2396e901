package dev.runnel.planner.ddl;

import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.planner.error.DidYouMean;
import dev.runnel.planner.error.SqlState;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.ColumnDef;
import dev.runnel.sql.statement.QueryBody;
import dev.runnel.sql.statement.WatermarkDef;
import dev.runnel.sql.type.TypeKind;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;

/**
 * Reads {@code WATERMARK FOR col AS expr}: the column must exist and be a TIMESTAMP, and the
 * expression must be {@code col} (no delay) or {@code col - INTERVAL 'n' unit} with a day-time
 * unit (the delay). Other expressions are "not supported yet" (0A000). Stateless.
 */
final class WatermarkAnalyzer {
    private WatermarkAnalyzer() {}

    static WatermarkSpec analyze(WatermarkDef wm, List<ColumnDef> columns) {
        List<String> names = columns.stream().map(ColumnDef::name).toList();
        int index = RelationOptions.indexOf(names, wm.column());
        if (index < 0) {
            throw new RunnelSqlException(SqlState.UNKNOWN_COLUMN, "unknown column '" + wm.column()
                    + "' in WATERMARK FOR" + DidYouMean.suffix(wm.column(), names), wm.pos());
        }
        ColumnDef column = columns.get(index);
        if (column.type().kind() != TypeKind.TIMESTAMP) {
            throw new RunnelSqlException(SqlState.TYPE_MISMATCH, "the WATERMARK column '" + column.name()
                    + "' must be a TIMESTAMP, not " + column.type().withNullable(true).toSql(), wm.pos());
        }
        return new WatermarkSpec(index, delayMillis(wm.expression(), column.name()));
    }

    private static long delayMillis(QueryBody body, String column) {
        SqlNode e = body.node();
        if (isColumn(e, column)) {
            return 0;
        }
        if (e instanceof SqlBasicCall call && call.getKind() == SqlKind.MINUS && call.operandCount() == 2
                && isColumn(call.operand(0), column) && call.operand(1) instanceof SqlIntervalLiteral interval) {
            SqlIntervalLiteral.IntervalValue value = interval.getValueAs(SqlIntervalLiteral.IntervalValue.class);
            if (value.getIntervalQualifier().isYearMonth()) {
                throw unsupported(body, interval.getParserPosition(), "a watermark delay in months or years");
            }
            long millis;
            try {
                millis = SqlParserUtil.intervalToMillis(value);
            } catch (RuntimeException bad) {
                throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "invalid interval " + interval,
                        at(body, interval.getParserPosition()));
            }
            if (millis < 0) {
                throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "a watermark delay cannot be negative",
                        at(body, interval.getParserPosition()));
            }
            return millis;
        }
        throw unsupported(body, e.getParserPosition(), "the watermark expression '" + body.sql().trim()
                + "' (write " + column + " or " + column + " - INTERVAL 'n' SECOND)");
    }

    private static boolean isColumn(SqlNode n, String column) {
        return n instanceof SqlIdentifier id && id.isSimple() && id.getSimple().equalsIgnoreCase(column);
    }

    private static RunnelSqlException unsupported(QueryBody body, SqlParserPos pos, String what) {
        return new RunnelSqlException(SqlState.NOT_SUPPORTED, what + " is not supported yet", at(body, pos));
    }

    private static SourcePos at(QueryBody body, SqlParserPos pos) {
        return pos.getLineNum() > 0 ? body.toScript(new SourcePos(pos.getLineNum(), pos.getColumnNum()))
                : body.origin();
    }
}
