package dev.runnel.sql;

import static dev.runnel.sql.Parsing.error;
import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The messages users read for syntax errors: what was found, what was expected, where, and a likely fix. */
class SyntaxErrorMessagesTest {

    @Test
    void misspeltKeywordNamesTheAlternativesAndTheLikelyOne() {
        assertThat(error("CREATE STREEM bids (a INT)").getMessage()).isEqualTo("line 1, column 8: unexpected 'STREEM', "
                + "expected one of: STREAM, TABLE, MATERIALIZED VIEW, JOB, SEARCH (did you mean STREAM?)");
    }

    @Test
    void unknownStatementSuggestsTheClosestStatement() {
        RunnelSqlException e = error("SELEC * FROM x");
        assertThat(e.sqlState()).isEqualTo("42000");
        assertThat(e.position()).isEqualTo(pos(1, 1));
        assertThat(e.getMessage()).isEqualTo("line 1, column 1: unknown statement 'SELEC' (did you mean SELECT?)");
    }

    @Test
    void unknownStatementWithoutALikelyFixListsEveryStatement() {
        assertThat(error("SHOW TABLES;\n  FROB x").getMessage()).isEqualTo("line 2, column 3: unknown statement 'FROB', "
                + "expected one of: SELECT, INSERT, CREATE, DROP, STOP, SHOW, DESCRIBE, EXPLAIN, SET, RESET, COPY, VALUES, WITH, '('");
    }

    @Test
    void symbolAtTheStartOfAStatementIsNotCalledAStatement() {
        assertThat(error("SELECT 1;\n* FROM x").getMessage()).isEqualTo("line 2, column 1: unexpected '*' at the start "
                + "of a statement, expected one of: SELECT, INSERT, CREATE, DROP, STOP, SHOW, DESCRIBE, EXPLAIN, SET, RESET, "
                + "COPY, VALUES, WITH, '('");
    }

    @Test
    void expressionWhereAQueryBelongsIsSaidPlainly() {
        assertThat(error("CREATE MATERIALIZED VIEW v AS (1 + 2)").getMessage())
                .isEqualTo("line 1, column 32: expected a query here, found an expression");
    }

    @Test
    void percentSaysToUseModAndBangEqualsToUseNotEquals() {
        assertThat(error("SELECT 7 % 2").getMessage())
                .isEqualTo("line 1, column 10: the % operator is not supported: write MOD(a, b)");
        assertThat(error("SELECT 1 != 2").getMessage())
                .isEqualTo("line 1, column 10: the != operator is not supported: write <>");
    }

    @Test
    void unexpectedEndNamesWhatIsMissingWhereItIsMissing() {
        assertThat(error("CREATE STREAM s (a INT) WITH").getMessage())
                .isEqualTo("line 1, column 29: unexpected end of statement, expected '('");
        assertThat(error("CREATE STREAM s (a INT NOT)").getMessage())
                .isEqualTo("line 1, column 27: unexpected ')', expected NULL");
    }

    @Test
    void optionalClausesThatCouldHaveFollowedAreListed() {
        assertThat(error("CREATE STREAM s (a INT) TOPIC 'x'").getMessage())
                .isEqualTo("line 1, column 25: unexpected 'TOPIC', expected one of: WITH, end of statement");
        assertThat(error("CREATE STREAM s (a INT) WITH (a = 'x' b = 'y')").getMessage())
                .isEqualTo("line 1, column 39: unexpected 'b', expected one of: ')', ','");
    }

    @Test
    void keywordsThatMayBeNamesAreSummedUpAsIdentifier() {
        assertThat(error("CREATE STREAM s (a INT,").getMessage()).isEqualTo(
                "line 1, column 24: unexpected end of statement, expected one of: PRIMARY KEY, WATERMARK, identifier");
    }

    @Test
    void syntaxErrorInAQueryOnTheThirdLineOfAScriptIsOnLineThree() {
        RunnelSqlException e = error("SHOW STREAMS;\nSELECT price\n  FORM bids WHERE price > 10");
        assertThat(e.position()).isEqualTo(pos(3, 8));
        assertThat(e.getMessage()).startsWith("line 3, column 8: unexpected 'bids', expected one of: ")
                .endsWith("(did you mean FROM instead of 'FORM'?)");
    }

    @Test
    void longTokensAreShortened() {
        String longName = "x".repeat(60);
        assertThat(error("SHOW " + longName).detail())
                .startsWith("unexpected '" + "x".repeat(37) + "...', expected one of: ");
    }

    @Test
    void unterminatedStringIsReportedThroughTheParser() {
        assertThat(error("SHOW JOBS;\nSET a = 'b").getMessage())
                .isEqualTo("line 2, column 9: unterminated string literal starting here");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SELECT", "SELECT a FROM", "SELECT * FROM t WHERE", "CREATE STREAM s (", "SET x = ",
        "SELECT CAST(a AS) FROM t", "INSERT INTO t VALUES"})
    void expectedTokensAreNeverMoreThanEight(String sql) {
        String detail = error(sql).detail();
        assertThat(detail).startsWith("unexpected");
        int listed = detail.contains("one of: ") ? detail.substring(detail.indexOf("one of: ")).split(", ").length : 1;
        assertThat(listed).as(detail).isLessThanOrEqualTo(9);
    }
}
