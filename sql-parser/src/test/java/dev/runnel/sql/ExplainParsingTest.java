package dev.runnel.sql;

import static dev.runnel.sql.Parsing.error;
import static dev.runnel.sql.Parsing.parse;
import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.sql.statement.Explain;
import dev.runnel.sql.statement.Insert;
import dev.runnel.sql.statement.Query;
import org.junit.jupiter.api.Test;

class ExplainParsingTest {

    @Test
    void explainsAQueryWhosePositionIsItsOwn() {
        Explain e = parse("EXPLAIN\n  SELECT * FROM bids", Explain.class);
        assertThat(e.analyze()).isFalse();
        assertThat(e.pos()).isEqualTo(pos(1, 1));
        assertThat(e.text()).isEqualTo("EXPLAIN\n  SELECT * FROM bids");
        Query q = (Query) e.statement();
        assertThat(q.stream()).isFalse();
        assertThat(q.pos()).isEqualTo(pos(2, 3));
        assertThat(q.text()).isEqualTo("SELECT * FROM bids");
        assertThat(q.body().sql()).isEqualTo("SELECT * FROM bids");
        assertThat(q.body().origin()).isEqualTo(pos(2, 3));
    }

    @Test
    void explainAnalyzeOfAPushQuery() {
        Explain e = parse("explain analyze select stream price from bids", Explain.class);
        assertThat(e.analyze()).isTrue();
        assertThat(((Query) e.statement()).stream()).isTrue();
        assertThat(e.statement().pos()).isEqualTo(pos(1, 17));
    }

    @Test
    void explainsAnInsert() {
        Explain e = parse("EXPLAIN INSERT INTO big_bids SELECT * FROM bids WHERE price > 1000", Explain.class);
        Insert i = (Insert) e.statement();
        assertThat(i.target()).isEqualTo("big_bids");
        assertThat(i.text()).isEqualTo("INSERT INTO big_bids SELECT * FROM bids WHERE price > 1000");
        assertThat(i.pos()).isEqualTo(pos(1, 9));
    }

    @Test
    void onlyQueriesAndInsertsCanBeExplained() {
        assertThat(error("EXPLAIN DROP STREAM x").getMessage()).isEqualTo(
                "line 1, column 9: unexpected 'DROP', expected one of: SELECT, INSERT, VALUES, WITH, ANALYZE, '('");
    }

    @Test
    void syntaxErrorInTheExplainedQueryIsPositionedInTheScript() {
        assertThat(error("EXPLAIN SELECT a FROM t GROUP a").getMessage())
                .isEqualTo("line 1, column 31: unexpected 'a', expected BY");
    }
}
