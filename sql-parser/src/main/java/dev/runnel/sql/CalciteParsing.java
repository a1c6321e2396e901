package dev.runnel.sql;

import dev.runnel.sql.statement.QueryBody;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Parses query bodies, INSERTs and expressions with Calcite's parser, configured the one way
 * Runnel speaks SQL, and turns Calcite's parse errors into {@link RunnelSqlException}s positioned
 * in the user's script. Stateless and thread-safe.
 */
public final class CalciteParsing {
    /**
     * The parser configuration every Runnel component must use for Calcite: double-quoted
     * identifiers, names kept in the case they were written, resolved case-insensitively.
     */
    public static final SqlParser.Config PARSER_CONFIG = SqlParser.config()
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.DEFAULT);

    private CalciteParsing() {}

    /**
     * Parses a query or an INSERT ({@code SqlParser.parseQuery}).
     *
     * @param sql the body's exact source text
     * @param origin where {@code sql} starts in the script
     * @throws RunnelSqlException (42000) for a syntax error, positioned in the script
     */
    public static QueryBody parseQuery(String sql, SourcePos origin) {
        try {
            SqlNode node = SqlParser.create(sql, PARSER_CONFIG).parseQuery();
            return new QueryBody(node, sql, origin);
        } catch (SqlParseException e) {
            throw CalciteErrors.translate(e, sql, origin, "statement");
        }
    }

    /**
     * Parses a standalone scalar expression ({@code SqlParser.parseExpression}), such as a
     * watermark expression.
     *
     * @throws RunnelSqlException (42000) for a syntax error, positioned in the script
     */
    public static QueryBody parseExpression(String sql, SourcePos origin) {
        try {
            SqlNode node = SqlParser.create(sql, PARSER_CONFIG).parseExpression();
            return new QueryBody(node, sql, origin);
        } catch (SqlParseException e) {
            throw CalciteErrors.translate(e, sql, origin, "expression");
        }
    }
}
