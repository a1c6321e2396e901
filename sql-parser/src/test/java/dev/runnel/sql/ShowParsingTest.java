package dev.runnel.sql;

import static dev.runnel.sql.Parsing.error;
import static dev.runnel.sql.Parsing.parse;
import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.sql.statement.Show;
import dev.runnel.sql.statement.ShowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShowParsingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "SHOW STREAMS, STREAMS",
        "show tables, TABLES",
        "SHOW MATERIALIZED VIEWS, MATERIALIZED_VIEWS",
        "SHOW TOPICS, TOPICS",
        "SHOW JOBS, JOBS",
        "Show Consumer Groups, CONSUMER_GROUPS",
        "SHOW SETTINGS, SETTINGS",
        "show cluster, CLUSTER"})
    void everyListCanBeShown(String sql, ShowKind kind) {
        assertThat(parse(sql, Show.class)).isEqualTo(new Show(kind, pos(1, 1), sql));
    }

    @Test
    void misspeltListIsSuggestedAmongAllLists() {
        assertThat(error("SHOW STREEMS").getMessage()).isEqualTo("line 1, column 6: unexpected 'STREEMS', expected one "
                + "of: STREAMS, TABLES, MATERIALIZED VIEWS, TOPICS, JOBS, CONSUMER GROUPS, SETTINGS, CLUSTER, "
                + "SEARCHES (did you mean STREAMS?)");
    }

    @Test
    void twoStatementsWithoutSemicolonHintAtIt() {
        assertThat(error("SHOW TABLES\nSHOW STREAMS").getMessage()).isEqualTo(
                "line 2, column 1: unexpected 'SHOW', expected end of statement (is a ';' missing before it?)");
    }

    @Test
    void consumerWithoutGroupsExpectsGroups() {
        assertThat(error("SHOW CONSUMER").getMessage())
                .isEqualTo("line 1, column 14: unexpected end of statement, expected GROUPS");
    }
}
