package dev.runnel.shell.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Statements end at a ; in code only, and keep their place in the script. */
class SqlScriptTest {

    @Test
    void splitsAtSemicolonsAndRemembersWhereEachStatementStarts() {
        List<ScriptStatement> s = SqlScript.split("CREATE STREAM a (x INT);\n  INSERT INTO a VALUES (1);\n\nSELECT * FROM a;");
        assertThat(s).containsExactly(
                new ScriptStatement("CREATE STREAM a (x INT);", 1, 1),
                new ScriptStatement("INSERT INTO a VALUES (1);", 2, 3),
                new ScriptStatement("SELECT * FROM a;", 4, 1));
    }

    @Test
    void semicolonsInLiteralsIdentifiersAndCommentsDoNotEndAStatement() {
        String script = """
                SELECT 'a;b', 'it''s; fine' FROM "odd;name" -- trailing; comment
                WHERE x = `y;z` /* block; comment */;
                -- a comment alone; not a statement
                /* nor this; */
                SELECT 2""";
        List<ScriptStatement> s = SqlScript.split(script);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).text()).startsWith("SELECT 'a;b'").endsWith("/* block; comment */;");
        assertThat(s.get(0).line()).isEqualTo(1);
        assertThat(s.get(1)).isEqualTo(new ScriptStatement("SELECT 2", 5, 1));
    }

    @Test
    void positionedTextPutsTheStatementWhereItWasInTheScript() {
        ScriptStatement s = SqlScript.split("SELECT 1;\n\n   SELECT pricee FROM bids;").get(1);
        assertThat(s.line()).isEqualTo(3);
        assertThat(s.column()).isEqualTo(4);
        String sent = s.positioned();
        assertThat(sent).isEqualTo("\n\n   SELECT pricee FROM bids;");
        int lastLineStart = sent.lastIndexOf('\n') + 1;
        assertThat(sent.indexOf("pricee") - lastLineStart + 1).isEqualTo(11); // column of pricee in the script
    }

    @Test
    void emptyStatementsAndBlankScriptsYieldNothing() {
        assertThat(SqlScript.split("  ;; \n -- nothing\n")).isEmpty();
        assertThat(SqlScript.split("")).isEmpty();
    }

    @Test
    void inputIsCompleteOnlyAtAClosingSemicolon() {
        assertThat(SqlScript.isComplete("SELECT 1")).isFalse();
        assertThat(SqlScript.isComplete("SELECT 1;")).isTrue();
        assertThat(SqlScript.isComplete("SELECT 1;  -- done")).isTrue();
        assertThat(SqlScript.isComplete("SELECT 1;\nSELECT")).isFalse();
        assertThat(SqlScript.isComplete("SELECT ';")).isFalse();
        assertThat(SqlScript.isComplete("SELECT 1 /* ; */")).isFalse();
        assertThat(SqlScript.isComplete("SELECT 1 /* ;")).isFalse();
        assertThat(SqlScript.isComplete("   ")).isTrue();
    }

    @Test
    void pushQueriesAreRecognisedBehindCommentsAndInAnyCase() {
        assertThat(SqlScript.looksLikePushQuery("SELECT STREAM * FROM bids;")).isTrue();
        assertThat(SqlScript.looksLikePushQuery("  -- live\n /* x */ select\n  stream auction FROM bids")).isTrue();
        assertThat(SqlScript.looksLikePushQuery("SELECT streamed FROM t")).isFalse();
        assertThat(SqlScript.looksLikePushQuery("SELECT * FROM bids")).isFalse();
    }
}
