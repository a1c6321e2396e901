package dev.runnel.sql;

import static dev.runnel.sql.Parsing.error;
import static dev.runnel.sql.Parsing.parse;
import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.sql.statement.Copy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyParsingTest {

    @Test
    void copyFromTheSqlGuide() {
        Copy c = parse("COPY bids FROM '/path/bids.csv' WITH (format = 'csv', header = true);", Copy.class);
        assertThat(c).isEqualTo(new Copy("bids", "/path/bids.csv", Map.of("format", "csv", "header", "true"), pos(1, 1),
                "COPY bids FROM '/path/bids.csv' WITH (format = 'csv', header = true)"));
        assertThat(c.options().keySet()).containsExactly("format", "header");
    }

    @Test
    void optionsAreOptionalAndQuotesInThePathAreUnescaped() {
        assertThat(parse("copy \"Bids\" from 'C:\\data\\it''s.json'", Copy.class))
                .isEqualTo(new Copy("Bids", "C:\\data\\it's.json", Map.of(), pos(1, 1),
                        "copy \"Bids\" from 'C:\\data\\it''s.json'"));
    }

    @Test
    void theNullOptionIsWrittenWithoutQuotesThoughNullIsReserved() {
        Copy c = parse("COPY bids FROM 'b.tsv' WITH (null = '\\N', delimiter = '\\t')", Copy.class);
        assertThat(c.options()).containsExactly(Map.entry("null", "\\N"), Map.entry("delimiter", "\\t"));
    }

    @Test
    void pathMustBeAStringLiteral() {
        assertThat(error("COPY bids FROM data.csv").getMessage())
                .isEqualTo("line 1, column 16: unexpected 'data', expected string literal");
    }

    @Test
    void emptyPathIsRejected() {
        assertThat(error("COPY bids FROM ''").getMessage()).isEqualTo("line 1, column 16: COPY needs a file path, not ''");
    }
}
