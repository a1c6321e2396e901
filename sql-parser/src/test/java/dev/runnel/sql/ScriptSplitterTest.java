package dev.runnel.sql;

import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptSplitterTest {

    private static List<String> texts(String script) {
        return ScriptSplitter.split(script).stream().map(StatementText::text).toList();
    }

    @Test
    void splitsOnSemicolonsAndSkipsEmptyStatements() {
        assertThat(texts("SELECT 1;; ;\n;SELECT 2;")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void lastStatementNeedsNoSemicolon() {
        assertThat(texts("SHOW TABLES; SHOW STREAMS")).containsExactly("SHOW TABLES", "SHOW STREAMS");
        assertThat(texts("SHOW TABLES")).containsExactly("SHOW TABLES");
    }

    @Test
    void emptyAndCommentOnlyScriptsHaveNoStatements() {
        assertThat(texts("")).isEmpty();
        assertThat(texts(" \n\t ")).isEmpty();
        assertThat(texts("-- nothing; here\n/* nor ; here */ ;")).isEmpty();
    }

    @Test
    void semicolonInsideStringLiteralDoesNotEndTheStatement() {
        assertThat(texts("SELECT 'a;b' FROM t; SELECT 2"))
                .containsExactly("SELECT 'a;b' FROM t", "SELECT 2");
    }

    @Test
    void doubledQuoteEscapesAQuoteInsideAStringLiteral() {
        assertThat(texts("SELECT 'it''s; fine', ''; SELECT ''''"))
                .containsExactly("SELECT 'it''s; fine', ''", "SELECT ''''");
    }

    @Test
    void semicolonInsideQuotedIdentifiersDoesNotEndTheStatement() {
        assertThat(texts("SELECT \"a;\"\";b\" FROM `x;``;y`; SELECT 2"))
                .containsExactly("SELECT \"a;\"\";b\" FROM `x;``;y`", "SELECT 2");
    }

    @Test
    void semicolonInsideCommentsDoesNotEndTheStatement() {
        assertThat(texts("SELECT 1 -- one; two\n + 1 /* three; */ + 2; SELECT 3"))
                .containsExactly("SELECT 1 -- one; two\n + 1 /* three; */ + 2", "SELECT 3");
    }

    @Test
    void commentMarkersInsideStringsAreText() {
        assertThat(texts("SELECT '--;', '/*;'; SELECT 1-2; SELECT 3/4"))
                .containsExactly("SELECT '--;', '/*;'", "SELECT 1-2", "SELECT 3/4");
    }

    @Test
    void textLeavesOutLeadingAndTrailingWhitespaceAndComments() {
        assertThat(texts("  /* lead */ -- lead\n SELECT 1 /* trail */ -- trail\n ; SELECT 2 -- end"))
                .containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void statementStartsAtItsFirstSignificantCharacter() {
        String script = "SHOW TABLES;\n  -- a comment; with a semicolon\n  /* block */ SHOW STREAMS ;\r\n\r\n\tDROP JOB j";
        List<StatementText> statements = ScriptSplitter.split(script);
        assertThat(statements).containsExactly(
                new StatementText("SHOW TABLES", 0, pos(1, 1)),
                new StatementText("SHOW STREAMS", script.indexOf("SHOW STREAMS"), pos(3, 15)),
                new StatementText("DROP JOB j", script.indexOf("DROP"), pos(5, 2)));
    }

    @Test
    void loneCarriageReturnEndsALine() {
        List<StatementText> statements = ScriptSplitter.split("SHOW TABLES;\r\rSHOW JOBS");
        assertThat(statements.get(1).pos()).isEqualTo(pos(3, 1));
    }

    @Test
    void statementStartingWithAQuotedPartStartsAtTheQuote() {
        assertThat(ScriptSplitter.split("  'x'").get(0)).isEqualTo(new StatementText("'x'", 2, pos(1, 3)));
    }

    @Test
    void unterminatedStringLiteralIsReportedWhereItStarts() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> ScriptSplitter.split("SELECT 1;\nSELECT 'abc;\nSELECT 2"));
        assertThat(e.sqlState()).isEqualTo("42000");
        assertThat(e.position()).isEqualTo(pos(2, 8));
        assertThat(e.getMessage()).isEqualTo("line 2, column 8: unterminated string literal starting here");
    }

    @Test
    void unterminatedQuotedIdentifierIsReportedWhereItStarts() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> ScriptSplitter.split("SELECT \"a\"\" FROM t"));
        assertThat(e.getMessage()).isEqualTo("line 1, column 8: unterminated quoted identifier starting here");
    }

    @Test
    void unterminatedBlockCommentIsReportedWhereItStarts() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> ScriptSplitter.split("SELECT 1; /* SELECT 2;\n"));
        assertThat(e.getMessage()).isEqualTo("line 1, column 11: unterminated comment starting here");
    }

    @Test
    void lineCommentMayEndTheScript() {
        assertThat(texts("SELECT 1 -- no newline")).containsExactly("SELECT 1");
    }
}
