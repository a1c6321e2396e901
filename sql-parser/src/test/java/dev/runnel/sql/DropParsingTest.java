package dev.runnel.sql;

import static dev.runnel.sql.Parsing.error;
import static dev.runnel.sql.Parsing.parse;
import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.sql.statement.Drop;
import dev.runnel.sql.statement.ObjectKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DropParsingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "DROP STREAM bids, STREAM",
        "drop table users, TABLE",
        "DROP MATERIALIZED VIEW auction_counts, MATERIALIZED_VIEW",
        "DROP TOPIC bids, TOPIC",
        "DROP JOB j1, JOB"})
    void eachKindOfObjectCanBeDropped(String sql, ObjectKind kind) {
        Drop d = parse(sql, Drop.class);
        assertThat(d.kind()).isEqualTo(kind);
        assertThat(d.name()).isEqualTo(sql.substring(sql.lastIndexOf(' ') + 1));
        assertThat(d.ifExists()).isFalse();
        assertThat(d.cascade()).isFalse();
        assertThat(d.pos()).isEqualTo(pos(1, 1));
        assertThat(d.text()).isEqualTo(sql);
    }

    @Test
    void ifExistsAndCascade() {
        assertThat(parse("DROP TABLE IF EXISTS t CASCADE", Drop.class))
                .isEqualTo(new Drop(ObjectKind.TABLE, "t", true, true, pos(1, 1), "DROP TABLE IF EXISTS t CASCADE"));
    }

    @Test
    void restrictIsTheDefault() {
        assertThat(parse("DROP TOPIC \"orders.v1\" RESTRICT", Drop.class))
                .isEqualTo(new Drop(ObjectKind.TOPIC, "orders.v1", false, false, pos(1, 1), "DROP TOPIC \"orders.v1\" RESTRICT"));
    }

    @Test
    void misspeltObjectKindIsSuggested() {
        assertThat(error("DROP STREEM x").getMessage()).isEqualTo("line 1, column 6: unexpected 'STREEM', expected one "
                + "of: STREAM, TABLE, MATERIALIZED VIEW, TOPIC, JOB, SEARCH (did you mean STREAM?)");
    }

    @Test
    void missingNameNamesWhatMayFollow() {
        assertThat(error("DROP STREAM").getMessage())
                .isEqualTo("line 1, column 12: unexpected end of statement, expected one of: IF EXISTS, identifier");
        assertThat(error("DROP STREAM IF EXIST x").getMessage())
                .isEqualTo("line 1, column 16: unexpected 'EXIST', expected EXISTS");
    }
}
