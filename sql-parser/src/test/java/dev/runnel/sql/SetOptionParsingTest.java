package dev.runnel.sql;

import static dev.runnel.sql.Parsing.error;
import static dev.runnel.sql.Parsing.parse;
import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.sql.statement.SetOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SetOptionParsingTest {

    @Test
    void quotedKeyAndValueFromTheSqlGuide() {
        assertThat(parse("SET 'checkpoint.interval' = '5 s';", SetOption.class))
                .isEqualTo(new SetOption("checkpoint.interval", "5 s", pos(1, 1), "SET 'checkpoint.interval' = '5 s'"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "SET scan.start = earliest        | scan.start          | earliest",
        "SET 'Scan.Start' = 'Earliest'    | scan.start          | Earliest",
        "set Parallelism = 4              | parallelism         | 4",
        "SET x = -1.5                     | x                   | -1.5",
        "SET x = +2                       | x                   | 2",
        "SET debug = TRUE                 | debug               | true",
        "SET debug = false                | debug               | false",
        "SET name = 'it''s'               | name                | it's",
        "SET empty = ''                   | empty               | ``",
        "SET table.exec.mode = \"Batch\"  | table.exec.mode     | Batch",
        "SET topic = my.topic.name        | topic               | my.topic.name"})
    void keysAreLowerCasedAndValuesKeptAsWritten(String sql, String key, String value) {
        SetOption s = parse(sql, SetOption.class);
        assertThat(s.key()).isEqualTo(key);
        assertThat(s.value()).isEqualTo(value);
        assertThat(s.text()).isEqualTo(sql);
    }

    @Test
    void resetHasNoValue() {
        assertThat(parse("RESET 'Checkpoint.Interval'", SetOption.class))
                .isEqualTo(new SetOption("checkpoint.interval", null, pos(1, 1), "RESET 'Checkpoint.Interval'"));
        assertThat(parse("reset scan.start", SetOption.class).key()).isEqualTo("scan.start");
    }

    @Test
    void missingEqualsSignIsReported() {
        assertThat(error("SET 'a' 'b'").getMessage()).isEqualTo("line 1, column 9: unexpected string 'b', expected '='");
    }

    @Test
    void missingValueListsWhatAValueCanBe() {
        assertThat(error("SET a =").getMessage()).isEqualTo("line 1, column 8: unexpected end of statement, expected "
                + "one of: TRUE, FALSE, identifier, '-', '+', string literal, integer, number");
    }

    @Test
    void emptyKeyIsRejected() {
        assertThat(error("SET '' = 1").getMessage()).isEqualTo("line 1, column 5: an option key must not be empty");
    }
}
