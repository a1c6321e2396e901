package dev.runnel.sql;

import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.sql.statement.CreateStream;
import dev.runnel.sql.statement.Drop;
import dev.runnel.sql.statement.Query;
import dev.runnel.sql.statement.Show;
import dev.runnel.sql.statement.ShowKind;
import dev.runnel.sql.statement.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementParserTest {
    private final StatementParser parser = new StatementParser();

    @Test
    void scriptParsesToStatementsInOrderWithScriptPositions() {
        List<Statement> statements = parser.parseScript("""
                -- set up
                CREATE STREAM s (a INT);
                  SHOW STREAMS; SELECT a
                  FROM s;
                /* done */ DROP STREAM s""");
        assertThat(statements).hasSize(4);
        assertThat(statements).extracting(Statement::pos)
                .containsExactly(pos(2, 1), pos(3, 3), pos(3, 17), pos(5, 12));
        assertThat(statements).extracting(Statement::text)
                .containsExactly("CREATE STREAM s (a INT)", "SHOW STREAMS", "SELECT a\n  FROM s", "DROP STREAM s");
        assertThat(statements.get(0)).isInstanceOf(CreateStream.class);
        assertThat(((CreateStream) statements.get(0)).columns().get(0).pos()).isEqualTo(pos(2, 18));
        assertThat(statements.get(1)).isInstanceOf(Show.class);
        assertThat(((Query) statements.get(2)).body().origin()).isEqualTo(pos(3, 17));
        assertThat(statements.get(3)).isInstanceOf(Drop.class);
    }

    @Test
    void emptyScriptHasNoStatements() {
        assertThat(parser.parseScript("")).isEmpty();
        assertThat(parser.parseScript(" ;\n-- nothing\n;")).isEmpty();
    }

    @Test
    void parseAcceptsOneStatementWithOrWithoutSemicolon() {
        assertThat(parser.parse("SHOW JOBS")).isEqualTo(new Show(ShowKind.JOBS, pos(1, 1), "SHOW JOBS"));
        assertThat(parser.parse("  SHOW JOBS ; -- trailing")).isEqualTo(new Show(ShowKind.JOBS, pos(1, 3), "SHOW JOBS"));
    }

    @Test
    void parseRejectsASecondStatement() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class, () -> parser.parse("SHOW JOBS; SHOW TOPICS"));
        assertThat(e.sqlState()).isEqualTo("42000");
        assertThat(e.getMessage()).isEqualTo("line 1, column 12: expected one statement, found another one here");
    }

    @Test
    void parseRejectsNothing() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class, () -> parser.parse("  -- nothing"));
        assertThat(e.getMessage()).isEqualTo("line 1, column 1: expected a statement, found none");
    }

    @Test
    void firstBadStatementStopsTheScript() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> parser.parseScript("SHOW JOBS;\nSHOW JOBZ;\nSHOW TOPICZ"));
        assertThat(e.position()).isEqualTo(pos(2, 6));
    }

    @Test
    void positionsCountCharactersAfterNonAsciiText() {
        assertThat(parser.parseScript("SELECT '😀é' AS x; SHOW JOBS").get(1).pos()).isEqualTo(pos(1, 20));
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> parser.parseScript("SELECT '😀é' AS x; CREATE STREAM \"ß😀\" (a INT, b INT, b INT)"));
        // '😀' is two UTF-16 chars, as Calcite counts them: the duplicate b is at char index 54.
        assertThat(e.getMessage()).isEqualTo("line 1, column 55: column 'b' is declared twice");
    }

    @Test
    void carriageReturnLineEndsAgreeBetweenEnvelopeAndCalcite() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> parser.parseScript("SHOW JOBS;\r\nCREATE MATERIALIZED VIEW v AS\r\n  SELECT a\r\n  FROM t t2 t3"));
        assertThat(e.position()).isEqualTo(pos(4, 13));
    }

    @Test
    void tabsAreOneColumn() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                () -> parser.parseScript("\tSELECT\ta\tFROM\tt\tt2\tt3"));
        assertThat(e.position()).isEqualTo(pos(1, 21));
    }

    @Test
    void nestingTooDeepForTheParsersStackIsASyntaxErrorNotACrash() {
        String query = "SELECT " + "(".repeat(200_000) + "1" + ")".repeat(200_000);
        String watermark = "CREATE STREAM s (ts TIMESTAMP, WATERMARK FOR ts AS " + "(".repeat(200_000) + "ts"
                + ")".repeat(200_000) + ")";
        for (String sql : new String[] {query, watermark}) {
            RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class, () -> parser.parseScript(sql));
            assertThat(e.getMessage()).isEqualTo("line 1, column 1: statement is nested too deeply to parse");
        }
    }
}
