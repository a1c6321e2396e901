package dev.runnel.sql;

import static dev.runnel.sql.Parsing.parse;
import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.sql.statement.CreateSearch;
import dev.runnel.sql.statement.Drop;
import dev.runnel.sql.statement.ObjectKind;
import dev.runnel.sql.statement.Show;
import dev.runnel.sql.statement.ShowKind;
import org.apache.calcite.sql.SqlKind;
import org.junit.jupiter.api.Test;

class SearchParsingTest {

    @Test
    void createSearchHandsTheConditionToCalcite() {
        String sql = "CREATE SEARCH IF NOT EXISTS cheap_web ON bids WHERE channel = 'web' AND price < 100";
        CreateSearch s = parse(sql, CreateSearch.class);
        assertThat(s.name()).isEqualTo("cheap_web");
        assertThat(s.stream()).isEqualTo("bids");
        assertThat(s.ifNotExists()).isTrue();
        assertThat(s.condition().sql()).isEqualTo("channel = 'web' AND price < 100");
        assertThat(s.condition().origin()).isEqualTo(pos(1, 53));
        assertThat(s.condition().node().getKind()).isEqualTo(SqlKind.AND);
        assertThat(s.text()).isEqualTo(sql);
    }

    @Test
    void conditionOnLaterLines() {
        CreateSearch s = parse("create search \"Big\" on \"Bids\"\n  where price > 10\n    or url like 'http://a%'",
                CreateSearch.class);
        assertThat(s.name()).isEqualTo("Big");
        assertThat(s.stream()).isEqualTo("Bids");
        assertThat(s.condition().origin()).isEqualTo(pos(2, 9));
        assertThat(s.condition().node().getKind()).isEqualTo(SqlKind.OR);
    }

    @Test
    void dropAndShow() {
        Drop d = parse("DROP SEARCH IF EXISTS cheap_web", Drop.class);
        assertThat(d.kind()).isEqualTo(ObjectKind.SEARCH);
        assertThat(d.ifExists()).isTrue();
        assertThat(parse("SHOW SEARCHES", Show.class).kind()).isEqualTo(ShowKind.SEARCHES);
    }

    @Test
    void theNewWordsAreStillNames() {
        assertThat(parse("CREATE STREAM search (searches INT, \"on\" INT)", dev.runnel.sql.statement.CreateStream.class)
                .columns()).hasSize(2);
    }

    @Test
    void aMissingConditionIsASyntaxError() {
        assertThatThrownBy(() -> new StatementParser().parse("CREATE SEARCH s ON bids WHERE"))
                .isInstanceOf(RunnelSqlException.class);
        assertThatThrownBy(() -> new StatementParser().parse("CREATE SEARCH s ON bids WHERE price >"))
                .isInstanceOf(RunnelSqlException.class)
                .hasMessageContaining("line 1");
    }
}
