package dev.runnel.planner.testing;

import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.Explain;
import dev.runnel.sql.statement.Insert;
import dev.runnel.sql.statement.Query;
import dev.runnel.sql.statement.QueryBody;
import dev.runnel.sql.statement.Statement;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Builds statements the way {@code StatementParser} will, while it is being written: query
 * bodies parsed by Calcite with the shared parser configuration, wrapped in the statement
 * records. Stateless.
 */
public final class TestStatements {
    private TestStatements() {}

    public static SqlParser.Config config() {
        return SqlParser.config().withQuoting(Quoting.DOUBLE_QUOTE).withUnquotedCasing(Casing.UNCHANGED)
                .withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false)
                .withConformance(SqlConformanceEnum.DEFAULT);
    }

    public static SqlNode parseBody(String sql) {
        try {
            return SqlParser.create(sql, config()).parseQuery();
        } catch (SqlParseException e) {
            throw new IllegalArgumentException("test SQL does not parse: " + e.getMessage(), e);
        }
    }

    public static SqlNode parseExpression(String sql) {
        try {
            return SqlParser.create(sql, config()).parseExpression();
        } catch (SqlParseException e) {
            throw new IllegalArgumentException("test SQL does not parse: " + e.getMessage(), e);
        }
    }

    public static QueryBody body(String sql, SourcePos origin) {
        return new QueryBody(parseBody(sql), sql, origin);
    }

    /** A query or INSERT starting at line 1, column 1. */
    public static Statement statement(String sql) {
        return statementAt(sql, new SourcePos(1, 1));
    }

    /** A query or INSERT whose body starts at {@code origin} in the script. */
    public static Statement statementAt(String sql, SourcePos origin) {
        QueryBody body = body(sql, origin);
        if (body.node() instanceof SqlInsert insert) {
            String target = ((SqlIdentifier) insert.getTargetTable()).names.get(0);
            return new Insert(target, body, origin, sql);
        }
        return new Query(body, isStream(body.node()), origin, sql);
    }

    public static Query query(String sql) {
        return (Query) statement(sql);
    }

    public static Insert insert(String sql) {
        return (Insert) statement(sql);
    }

    public static Explain explain(String sql) {
        return new Explain(statement(sql), false, new SourcePos(1, 1), "EXPLAIN " + sql);
    }

    private static boolean isStream(SqlNode node) {
        SqlNode n = node instanceof SqlOrderBy o ? o.query : node;
        return n instanceof SqlSelect s && s.isKeywordPresent(SqlSelectKeyword.STREAM);
    }

}
