package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.RunnelFunctions;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.expr.Operator;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.sql.SqlKind;

/**
 * Which Runnel {@link Operator} computes a Calcite call: by {@link SqlKind} where Calcite has a
 * specific kind, otherwise by function name. Calls with no Runnel operator are "not supported
 * yet" (0A000). Stateless and thread-safe.
 */
public final class OperatorMapping {
    private static final Map<SqlKind, Operator> BY_KIND = Map.ofEntries(
            Map.entry(SqlKind.PLUS, Operator.PLUS),
            Map.entry(SqlKind.MINUS, Operator.MINUS),
            Map.entry(SqlKind.TIMES, Operator.TIMES),
            Map.entry(SqlKind.DIVIDE, Operator.DIVIDE),
            Map.entry(SqlKind.MOD, Operator.MOD),
            Map.entry(SqlKind.MINUS_PREFIX, Operator.NEGATE),
            Map.entry(SqlKind.EQUALS, Operator.EQUALS),
            Map.entry(SqlKind.NOT_EQUALS, Operator.NOT_EQUALS),
            Map.entry(SqlKind.LESS_THAN, Operator.LESS_THAN),
            Map.entry(SqlKind.LESS_THAN_OR_EQUAL, Operator.LESS_THAN_OR_EQUAL),
            Map.entry(SqlKind.GREATER_THAN, Operator.GREATER_THAN),
            Map.entry(SqlKind.GREATER_THAN_OR_EQUAL, Operator.GREATER_THAN_OR_EQUAL),
            Map.entry(SqlKind.IS_DISTINCT_FROM, Operator.IS_DISTINCT_FROM),
            Map.entry(SqlKind.IS_NOT_DISTINCT_FROM, Operator.IS_NOT_DISTINCT_FROM),
            Map.entry(SqlKind.AND, Operator.AND),
            Map.entry(SqlKind.OR, Operator.OR),
            Map.entry(SqlKind.NOT, Operator.NOT),
            Map.entry(SqlKind.IS_NULL, Operator.IS_NULL),
            Map.entry(SqlKind.IS_NOT_NULL, Operator.IS_NOT_NULL),
            Map.entry(SqlKind.IS_TRUE, Operator.IS_TRUE),
            Map.entry(SqlKind.IS_FALSE, Operator.IS_FALSE),
            Map.entry(SqlKind.IS_NOT_TRUE, Operator.IS_NOT_TRUE),
            Map.entry(SqlKind.IS_NOT_FALSE, Operator.IS_NOT_FALSE),
            Map.entry(SqlKind.CASE, Operator.CASE),
            Map.entry(SqlKind.CAST, Operator.CAST),
            Map.entry(SqlKind.COALESCE, Operator.COALESCE),
            Map.entry(SqlKind.NULLIF, Operator.NULLIF),
            Map.entry(SqlKind.POSITION, Operator.POSITION),
            Map.entry(SqlKind.TRIM, Operator.TRIM),
            Map.entry(SqlKind.EXTRACT, Operator.EXTRACT));

    private static final Map<String, Operator> BY_NAME = Map.ofEntries(
            Map.entry("ABS", Operator.ABS),
            Map.entry("UPPER", Operator.UPPER),
            Map.entry("LOWER", Operator.LOWER),
            Map.entry("SUBSTRING", Operator.SUBSTRING),
            Map.entry("CHAR_LENGTH", Operator.CHAR_LENGTH),
            Map.entry("CHARACTER_LENGTH", Operator.CHAR_LENGTH),
            Map.entry("||", Operator.CONCAT),
            Map.entry("SPLIT_INDEX", Operator.SPLIT_INDEX),
            Map.entry("REGEXP_EXTRACT", Operator.REGEXP_EXTRACT),
            Map.entry("REPLACE", Operator.REPLACE),
            Map.entry("CONTAINS_TOKEN", Operator.CONTAINS_TOKEN),
            Map.entry("DATE_FORMAT", Operator.DATE_FORMAT),
            Map.entry("CURRENT_TIMESTAMP", Operator.CURRENT_TIMESTAMP),
            Map.entry("LOCALTIMESTAMP", Operator.CURRENT_TIMESTAMP),
            // processing time: the clock when the row is processed, which is what CURRENT_TIMESTAMP reads
            Map.entry("PROCTIME", Operator.CURRENT_TIMESTAMP),
            Map.entry("ROUND", Operator.ROUND),
            Map.entry("POWER", Operator.POWER),
            Map.entry("SQRT", Operator.SQRT),
            Map.entry("LN", Operator.LN),
            Map.entry("LOG10", Operator.LOG10),
            Map.entry("EXP", Operator.EXP),
            Map.entry("CONCAT", Operator.CONCAT),
            Map.entry("CONCAT_WS", Operator.CONCAT_WS),
            Map.entry("LPAD", Operator.LPAD),
            Map.entry("RPAD", Operator.RPAD),
            Map.entry("REGEXP_REPLACE", Operator.REGEXP_REPLACE),
            Map.entry("REGEXP", Operator.REGEXP),
            Map.entry("INITCAP", Operator.INITCAP),
            Map.entry("LEFT", Operator.LEFT),
            Map.entry("RIGHT", Operator.RIGHT),
            Map.entry("REVERSE", Operator.REVERSE),
            Map.entry("REPEAT", Operator.REPEAT),
            Map.entry("LOCATE", Operator.LOCATE),
            Map.entry("ASCII", Operator.ASCII),
            Map.entry("CHR", Operator.CHR),
            Map.entry("MD5", Operator.MD5),
            Map.entry("SHA256", Operator.SHA256),
            Map.entry("TO_BASE64", Operator.TO_BASE64),
            Map.entry("FROM_BASE64", Operator.FROM_BASE64),
            Map.entry("GREATEST", Operator.GREATEST),
            Map.entry("LEAST", Operator.LEAST),
            Map.entry("SIGN", Operator.SIGN),
            Map.entry("TRUNCATE", Operator.TRUNCATE),
            Map.entry("TO_TIMESTAMP", Operator.TO_TIMESTAMP),
            Map.entry("TO_DATE", Operator.TO_DATE),
            Map.entry("UNIX_TIMESTAMP", Operator.UNIX_TIMESTAMP),
            Map.entry("FROM_UNIXTIME", Operator.FROM_UNIXTIME),
            Map.entry("TIMESTAMPDIFF", Operator.TIMESTAMPDIFF));

    private OperatorMapping() {}

    /** The Runnel operator for a call (LIKE's negated form is handled by the caller). */
    public static Operator of(RexCall call) {
        SqlKind kind = call.getKind();
        switch (kind) {
            case FLOOR:
                return call.getOperands().size() == 2 ? Operator.FLOOR_TIME : Operator.FLOOR;
            case CEIL:
                return call.getOperands().size() == 2 ? Operator.CEIL_TIME : Operator.CEIL;
            case LIKE:
                return Operator.LIKE; // ILIKE: the caller compares lower-cased operands
            default:
                break;
        }
        Operator op = BY_KIND.get(kind);
        if (op != null) {
            return op;
        }
        op = BY_NAME.get(call.getOperator().getName().toUpperCase(Locale.ROOT));
        if (op != null) {
            return op;
        }
        if (call.getOperator() == RunnelFunctions.WINDOW_END) {
            throw Unsupported.of("TUMBLE_END, HOP_END or SESSION_END outside the query that groups by the window");
        }
        throw Unsupported.of("the function or operator " + call.getOperator().getName());
    }
}
