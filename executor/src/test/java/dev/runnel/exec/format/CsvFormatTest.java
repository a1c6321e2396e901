package dev.runnel.exec.format;

import static dev.runnel.exec.testing.Relations.col;
import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.type.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CsvFormatTest {
    static final List<Column> COLUMNS = List.of(col("id", TypeKind.BIGINT), col("name", TypeKind.VARCHAR),
            col("at", TypeKind.TIMESTAMP));

    final RootAllocator allocator = new RootAllocator();
    final DecodeTester csv = new DecodeTester(new CsvFormat(COLUMNS, CsvFormat.Options.DEFAULT), allocator);

    @AfterEach
    void close() {
        allocator.close();
    }

    @Test
    void readsQuotesDoubledQuotesAndLineBreaksInsideQuotes() {
        assertThat(csv.decode("1,\"a, \"\"quoted\"\"\nname\",2026-01-01 00:00:00\n"))
                .isEqualTo(row(1L, "a, \"quoted\"\nname", 1_767_225_600_000L));
        assertThat(csv.decode("2,plain,\r\n")).isEqualTo(row(2L, "plain", null));
        assertThat(csv.decode("3,\"\",")).isEqualTo(row(3L, "", null));
        assertThat(csv.decode(",,")).isEqualTo(row(null, null, null));
    }

    @Test
    void badRecordsSayWhy() {
        assertThat(csv.decode("1,two")).isEqualTo("BAD: expected 3 fields, found 2");
        assertThat(csv.decode("1,a,b,c")).isEqualTo("BAD: expected 3 fields, found 4");
        assertThat(csv.decode("x,a,")).isEqualTo("BAD: column 'id': 'x' is not a whole number");
        assertThat(csv.decode("1,\"open,")).isEqualTo("BAD: malformed csv: unterminated quoted field");
        assertThat(csv.decode("1,\"a\"b,")).isEqualTo("BAD: malformed csv: unexpected character after a closing quote");
        assertThat(csv.decode("1,a,\n2,b,")).isEqualTo("BAD: malformed csv: the value holds more than one line");
        assertThat(csv.decode("1,\"\u00ff\",")).isEqualTo(row(1L, "\u00ff", null));
    }

    @Test
    void parserSplitsRecordsAndWaitsForMoreInputAtBufferEnds() {
        CsvParser p = new CsvParser(',');
        byte[] b = "a,\"b\nc\",d\r\ne,f\n\"g\"".getBytes(StandardCharsets.UTF_8);
        List<String> records = new ArrayList<>();
        int pos = 0;
        while (pos < b.length) {
            int end = p.parse(b, pos, b.length, true);
            StringBuilder sb = new StringBuilder();
            for (int f = 0; f < p.fieldCount(); f++) {
                sb.append(f == 0 ? "" : "|").append(new String(b, p.start(f), p.end(f) - p.start(f), StandardCharsets.UTF_8));
            }
            records.add(sb.toString());
            pos = end;
        }
        assertThat(records).containsExactly("a|b\nc|d", "e|f", "g");
        // the same input cut short: every cut either parses the first record whole or asks for more
        for (int cut = 0; cut <= 12; cut++) {
            int end = p.parse(b, 0, cut, false);
            assertThat(end == CsvParser.NEED_MORE || end == 11).as("cut at " + cut).isTrue();
        }
        assertThat(p.parse(b, 0, 10, false)).isEqualTo(CsvParser.NEED_MORE); // "\r" might be followed by "\n"
        assertThat(p.parse(b, 0, 11, false)).isEqualTo(11);
    }

    @Test
    void parserMarksWhereTheFirstPhysicalLineOfAMultiLineRecordEnds() {
        CsvParser p = new CsvParser(',');
        byte[] b = "1,\"unterminated\n2,ok\n3,ok\n".getBytes(StandardCharsets.UTF_8);
        p.parse(b, 0, b.length, true);
        assertThat(p.error()).isEqualTo("unterminated quoted field");
        assertThat(p.firstLineEnd()).isEqualTo(16);
    }
}
