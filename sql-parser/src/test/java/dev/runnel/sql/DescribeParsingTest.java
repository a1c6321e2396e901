package dev.runnel.sql;

import static dev.runnel.sql.Parsing.error;
import static dev.runnel.sql.Parsing.parse;
import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.sql.statement.Describe;
import org.junit.jupiter.api.Test;

class DescribeParsingTest {

    @Test
    void describesARelation() {
        assertThat(parse("DESCRIBE bids", Describe.class)).isEqualTo(new Describe("bids", false, pos(1, 1), "DESCRIBE bids"));
    }

    @Test
    void describesATopic() {
        assertThat(parse("describe topic \"Bids\";", Describe.class))
                .isEqualTo(new Describe("Bids", true, pos(1, 1), "describe topic \"Bids\""));
    }

    @Test
    void relationMayBeCalledTopic() {
        assertThat(parse("DESCRIBE topic", Describe.class)).isEqualTo(new Describe("topic", false, pos(1, 1), "DESCRIBE topic"));
    }

    @Test
    void backquotedNameIsRejectedWithAHint() {
        assertThat(error("DESCRIBE `bids`").getMessage()).isEqualTo(
                "line 1, column 10: unexpected '`bids`', expected identifier (quote identifiers with double quotes)");
    }

    @Test
    void missingNameIsReportedAtTheEnd() {
        assertThat(error("DESCRIBE").getMessage())
                .isEqualTo("line 1, column 9: unexpected end of statement, expected identifier");
    }
}
