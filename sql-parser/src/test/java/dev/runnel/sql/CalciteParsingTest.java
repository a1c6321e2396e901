package dev.runnel.sql;

import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.sql.statement.QueryBody;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.junit.jupiter.api.Test;

class CalciteParsingTest {

    @Test
    void parserConfigQuotesWithDoubleQuotesAndKeepsCase() {
        assertThat(CalciteParsing.PARSER_CONFIG.quoting()).isEqualTo(Quoting.DOUBLE_QUOTE);
        assertThat(CalciteParsing.PARSER_CONFIG.unquotedCasing()).isEqualTo(Casing.UNCHANGED);
        assertThat(CalciteParsing.PARSER_CONFIG.quotedCasing()).isEqualTo(Casing.UNCHANGED);
        assertThat(CalciteParsing.PARSER_CONFIG.caseSensitive()).isFalse();
    }

    @Test
    void queryKeepsItsTextOriginAndNamesAsWritten() {
        QueryBody body = CalciteParsing.parseQuery("SELECT Price FROM \"Bids\"", pos(4, 3));
        assertThat(body.sql()).isEqualTo("SELECT Price FROM \"Bids\"");
        assertThat(body.origin()).isEqualTo(pos(4, 3));
        SqlSelect select = (SqlSelect) body.node();
        assertThat(((SqlIdentifier) select.getSelectList().get(0)).getSimple()).isEqualTo("Price");
        assertThat(((SqlIdentifier) select.getFrom()).getSimple()).isEqualTo("Bids");
    }

    @Test
    void nodePositionsMapToTheScriptThroughTheOrigin() {
        QueryBody body = CalciteParsing.parseQuery("SELECT a,\n  price FROM t", pos(3, 20));
        SqlSelect select = (SqlSelect) body.node();
        var a = select.getSelectList().get(0).getParserPosition();
        var price = select.getSelectList().get(1).getParserPosition();
        assertThat(body.toScript(pos(a.getLineNum(), a.getColumnNum()))).isEqualTo(pos(3, 27));
        assertThat(body.toScript(pos(price.getLineNum(), price.getColumnNum()))).isEqualTo(pos(4, 3));
    }

    @Test
    void expressionParsesAsAStandaloneExpression() {
        QueryBody body = CalciteParsing.parseExpression("date_time - INTERVAL '4' SECOND", pos(1, 1));
        assertThat(body.node().getKind()).isEqualTo(SqlKind.MINUS);
    }

    @Test
    void syntaxErrorOnTheBodysFirstLineIsShiftedByTheOriginColumn() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> CalciteParsing.parseQuery("SELECT a b c FROM t", pos(2, 10)));
        assertThat(e.sqlState()).isEqualTo("42000");
        assertThat(e.position()).isEqualTo(pos(2, 21));
        assertThat(e.detail()).startsWith("unexpected 'c', expected one of: ");
        assertThat(e.getCause()).isInstanceOf(SqlParseException.class);
    }

    @Test
    void syntaxErrorOnALaterLineKeepsCalcitesColumn() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> CalciteParsing.parseQuery("SELECT a\nFROM t\nWHERE a = = 1", pos(5, 30)));
        assertThat(e.position()).isEqualTo(pos(7, 11));
        assertThat(e.detail()).isEqualTo("unexpected '=', expected an expression");
    }

    @Test
    void unexpectedEndIsReportedJustAfterTheBody() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> CalciteParsing.parseQuery("SELECT a FROM t GROUP", pos(1, 1)));
        assertThat(e.position()).isEqualTo(pos(1, 22));
        assertThat(e.detail()).isEqualTo("unexpected end of statement, expected BY");
    }

    @Test
    void expressionErrorsSpeakOfTheExpression() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> CalciteParsing.parseExpression("ts -", pos(1, 40)));
        assertThat(e.detail()).isEqualTo("unexpected end of expression, expected an expression");
        assertThat(e.position()).isEqualTo(pos(1, 44));
    }

    @Test
    void expectedTokensAreCutToEightAndMisspeltKeywordIsSuggested() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> CalciteParsing.parseQuery("SELECT * FORM bids", pos(1, 1)));
        assertThat(e.getMessage()).isEqualTo("line 1, column 15: unexpected 'bids', expected one of: end of statement, "
                + "EXCEPT, FETCH, FROM, INTERSECT, LIMIT, OFFSET, ORDER, ... (did you mean FROM instead of 'FORM'?)");
    }

    @Test
    void misspeltKeywordAtTheErrorIsSuggested() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> CalciteParsing.parseExpression("ts - INTERVAL '5' SECUND", pos(1, 1)));
        assertThat(e.detail()).startsWith("unexpected 'SECUND', expected one of: ").endsWith("(did you mean SECOND?)");
        assertThat(e.position()).isEqualTo(pos(1, 19));
    }

    @Test
    void reservedWordErrorsNameTheWord() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> CalciteParsing.parseQuery("select a from t where where", pos(1, 1)));
        assertThat(e.getMessage()).isEqualTo("line 1, column 23: unexpected 'where', expected an expression");
    }

    @Test
    void secondQueryWithoutSemicolonHintsAtTheMissingSemicolon() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> CalciteParsing.parseQuery("SELECT 1 SELECT 2", pos(1, 1)));
        assertThat(e.detail()).endsWith("(is a ';' missing before it?)");
        assertThat(e.position()).isEqualTo(pos(1, 10));
    }

    @Test
    void backquotesAreALexicalErrorWithAHint() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> CalciteParsing.parseQuery("SELECT `a` FROM t", pos(1, 1)));
        assertThat(e.getMessage())
                .isEqualTo("line 1, column 8: unexpected character '`' (quote identifiers with double quotes)");
    }
}
