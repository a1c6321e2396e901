package dev.runnel.planner.calcite;

import dev.runnel.sql.statement.QueryBody;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Working copies of query bodies for the validator, which rewrites the trees it validates. A body
 * is re-parsed from its text with the parser configuration {@code StatementParser} uses, so
 * positions stay relative to {@link QueryBody#sql()}; if its text does not re-parse (a parser
 * configured differently), the body's own tree is used. Also strips the STREAM keyword (Runnel
 * plans {@code SELECT STREAM} like {@code SELECT} and marks the result unbounded) and counts
 * {@code ?} parameters. Stateless and thread-safe.
 */
public final class SqlBodies {
    private SqlBodies() {}

    /** The parser configuration shared with {@code StatementParser}. */
    public static SqlParser.Config parserConfig() {
        return SqlParser.config()
                .withQuoting(Quoting.DOUBLE_QUOTE)
                .withUnquotedCasing(Casing.UNCHANGED)
                .withQuotedCasing(Casing.UNCHANGED)
                .withCaseSensitive(false)
                .withConformance(SqlConformanceEnum.DEFAULT);
    }

    /** A fresh copy of a query or INSERT body, safe to hand to the validator. */
    public static SqlNode freshStatement(QueryBody body) {
        try {
            return SqlParser.create(body.sql(), parserConfig()).parseQuery();
        } catch (SqlParseException | RuntimeException e) {
            return body.node();
        }
    }

    /** A fresh copy of an expression body (a watermark expression). */
    public static SqlNode freshExpression(QueryBody body) {
        try {
            return SqlParser.create(body.sql(), parserConfig()).parseExpression();
        } catch (SqlParseException | RuntimeException e) {
            return body.node();
        }
    }

    /** Removes every STREAM keyword in place; returns whether the outermost query had one. */
    public static boolean stripStream(SqlNode node) {
        boolean[] top = {false};
        SqlNode outer = outermostSelect(node);
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect select && select.isKeywordPresent(SqlSelectKeyword.STREAM)) {
                    if (select == outer) {
                        top[0] = true;
                    }
                    List<SqlNode> kept = new ArrayList<>();
                    for (SqlNode k : select.getOperandList().get(0) instanceof SqlNodeList l ? l : SqlNodeList.EMPTY) {
                        if (!(k instanceof SqlLiteral lit && lit.getValue() == SqlSelectKeyword.STREAM)) {
                            kept.add(k);
                        }
                    }
                    select.setOperand(0, new SqlNodeList(kept, select.getParserPosition()));
                }
                return super.visit(call);
            }
        });
        return top[0];
    }

    private static SqlNode outermostSelect(SqlNode node) {
        SqlNode n = node;
        while (n instanceof SqlCall call && (n.getKind() == SqlKind.ORDER_BY || n.getKind() == SqlKind.WITH)) {
            n = call.operand(n.getKind() == SqlKind.WITH ? 1 : 0);
        }
        return n;
    }

    /** The number of {@code ?} parameters: one more than the highest index. */
    public static int parameterCount(SqlNode node) {
        int[] max = {-1};
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlDynamicParam param) {
                max[0] = Math.max(max[0], param.getIndex());
                return null;
            }
        });
        return max[0] + 1;
    }
}
