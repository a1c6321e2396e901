package dev.runnel.bench.nexmark.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query files of both engines, and how the harness reads them. */
class NexmarkQueryTest {
    @Test
    void everyQueryHasARunnelAndAFlinkFileThatNamesItsReferenceAndDeviations() {
        assertThat(NexmarkQuery.NEXMARK).hasSize(23).startsWith("q0").endsWith("q22");
        for (String q : NexmarkQuery.NEXMARK) {
            String runnel = NexmarkQuery.text("/nexmark/" + q + ".sql");
            assertThat(runnel).as(q).startsWith("-- Nexmark " + q + ": ")
                    .contains("queries/" + q + ".sql (commit 6b3646c)").contains("Deviations");
            // the header comments stay in the statement, so error positions are lines of the file
            assertThat(SqlScripts.stripComments(NexmarkQuery.runnel(q, Map.of()).query()).strip()).as(q)
                    .matches("(?is)^(SELECT|WITH)\\b.*")
                    .doesNotContain("`").doesNotContain("dateTime");
            String flink = NexmarkQuery.text("/nexmark/flink/" + q + ".sql");
            assertThat(flink).as(q).contains("queries/" + q + ".sql (commit 6b3646c)");
            assertThat(SqlScripts.stripComments(NexmarkQuery.flink(q, Map.of()).query())).as(q)
                    .doesNotContain("INSERT").doesNotContain("dateTime");
        }
    }

    @Test
    void extraQueriesRunTheSameTextOnBothEngines() {
        assertThat(NexmarkQuery.ALL).containsSubsequence("q0", "q22", "window-tumble", "filter-project")
                .hasSize(25);
        for (String q : NexmarkQuery.EXTRA) {
            assertThat(NexmarkQuery.text("/nexmark/" + q + ".sql")).as(q).startsWith("-- Extra query " + q + " ");
            String runnel = SqlScripts.stripComments(NexmarkQuery.runnel(q, Map.of()).query()).strip();
            String flink = SqlScripts.stripComments(NexmarkQuery.flink(q, Map.of()).query()).strip();
            assertThat(runnel).as(q).startsWith("SELECT").isEqualTo(flink);
        }
        assertThat(SqlScripts.stripComments(NexmarkQuery.runnel("window-tumble", Map.of()).query()))
                .contains("TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '10' SECOND)")
                .contains("COUNT(*)").contains("MAX(price)").contains("GROUP BY auction, window_start, window_end");
    }

    @Test
    void statementsBeforeTheLastAreSetUpAndVariablesAreFilledIn() {
        NexmarkQuery q13 = NexmarkQuery.runnel("q13", Map.of("side_input_csv", "/tmp/side.csv"));
        assertThat(q13.setup()).hasSize(2);
        assertThat(q13.setup().get(0)).contains("CREATE TABLE IF NOT EXISTS side_input");
        assertThat(q13.setup().get(1)).contains("COPY side_input FROM '/tmp/side.csv'");
        assertThat(q13.query()).contains("FOR SYSTEM_TIME AS OF");
        assertThat(NexmarkQuery.flink("q14", Map.of()).setup()).singleElement().asString()
                .contains("CREATE FUNCTION count_char");
        assertThat(NexmarkQuery.runnel("q0", Map.of()).setup()).isEmpty();
    }

    @Test
    void splitsAtSemicolonsOutsideStringsIdentifiersAndComments() {
        assertThat(SqlScripts.split("-- a; comment\nSELECT ';' AS \"x;y\", `a;b` FROM t /* ; */;\n\n;SELECT 2;"))
                .containsExactly("-- a; comment\nSELECT ';' AS \"x;y\", `a;b` FROM t /* ; */", "SELECT 2");
        assertThat(SqlScripts.split("-- only a comment;\n")).isEmpty();
        assertThat(SqlScripts.split("SELECT 'it''s; fine'")).containsExactly("SELECT 'it''s; fine'");
    }

    @Test
    void queryListsAcceptAllNamesAndNumbers() {
        assertThat(NexmarkQuery.parseList("all")).isEqualTo(NexmarkQuery.ALL);
        assertThat(NexmarkQuery.parseList("q0, 1,Q2,q1")).isEqualTo(List.of("q0", "q1", "q2"));
        assertThat(NexmarkQuery.parseList("window-tumble,q1,filter-project"))
                .isEqualTo(List.of("window-tumble", "q1", "filter-project"));
        assertThatThrownBy(() -> NexmarkQuery.parseList("q23")).hasMessageContaining("unknown query 'q23'");
    }
}
