package dev.runnel.exec.format;

import static dev.runnel.exec.testing.Relations.col;
import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonFormatTest {
    static final List<Column> COLUMNS = List.of(col("auction", TypeKind.BIGINT), col("channel", TypeKind.VARCHAR),
            col("date_time", TypeKind.TIMESTAMP), new Column("price", DataType.decimal(10, 2)),
            col("ok", TypeKind.BOOLEAN), col("n", TypeKind.INT));
    static final long TS = 1_767_225_601_000L;

    final RootAllocator allocator = new RootAllocator();
    final DecodeTester json = new DecodeTester(new JsonFormat(COLUMNS), allocator);

    @AfterEach
    void close() {
        allocator.close();
    }

    @Test
    void readsTimestampsAsTextIsoOrEpochMillis() {
        assertThat(json.decode("{\"date_time\": \"2026-01-01 00:00:01.000\"}")).isEqualTo(row(null, null, TS, null, null, null));
        assertThat(json.decode("{\"date_time\": \"2026-01-01T00:00:01Z\"}")).isEqualTo(row(null, null, TS, null, null, null));
        assertThat(json.decode("{\"date_time\": \"2026-01-01T01:00:01+01:00\"}")).isEqualTo(row(null, null, TS, null, null, null));
        assertThat(json.decode("{\"date_time\": " + TS + "}")).isEqualTo(row(null, null, TS, null, null, null));
        assertThat(json.decode("{\"date_time\": \"2026-01-01 00:00:01.0009\"}")).isEqualTo(row(null, null, TS, null, null, null));
    }

    @Test
    void readsDecimalsAsNumbersOrStringsRoundingHalfUp() {
        assertThat(json.decode("{\"price\": 12.345}")).isEqualTo(row(null, null, null, new BigDecimal("12.35"), null, null));
        assertThat(json.decode("{\"price\": \"-12.345\"}")).isEqualTo(row(null, null, null, new BigDecimal("-12.35"), null, null));
        assertThat(json.decode("{\"price\": 7}")).isEqualTo(row(null, null, null, new BigDecimal("7.00"), null, null));
        assertThat(json.decode("{\"price\": 1e2}")).isEqualTo(row(null, null, null, new BigDecimal("100.00"), null, null));
    }

    @Test
    void missingAndNullFieldsAreNullAndUnknownFieldsAreSkipped() {
        assertThat(json.decode("{\"auction\": 1, \"extra\": {\"deep\": [1, 2]}, \"channel\": null}"))
                .isEqualTo(row(1L, null, null, null, null, null));
        assertThat(json.decode("{}")).isEqualTo(row(null, null, null, null, null, null));
    }

    @Test
    void matchesFieldNamesIgnoringCaseAndTakesTheTextOfScalarsForStrings() {
        assertThat(json.decode("{\"AUCTION\": 3, \"Channel\": 42, \"ok\": true, \"n\": \"12\"}"))
                .isEqualTo(row(3L, "42", null, null, true, 12));
        assertThat(json.decode("{\"channel\": false, \"auction\": \"-9\"}")).isEqualTo(row(-9L, "false", null, null, null, null));
    }

    @Test
    void badRecordsSayWhy() {
        assertThat(json.decode("{\"auction\": 1,")).asString().startsWith("BAD: malformed JSON");
        assertThat(json.decode("{\"auction\": 1, \"channel\": \"web\"")).isEqualTo(
                "BAD: malformed JSON: Unexpected end-of-input: expected close marker for Object");
        assertThat(json.decode("[1, 2]")).isEqualTo("BAD: not a JSON object");
        assertThat(json.decode("{\"auction\": 1} {\"auction\": 2}")).asString().startsWith("BAD: malformed JSON: more than one");
        assertThat(json.decode("{\"auction\": \"abc\"}")).isEqualTo("BAD: column 'auction': 'abc' is not a whole number");
        assertThat(json.decode("{\"auction\": 1.5}")).asString().startsWith("BAD: column 'auction': 1.5 is not a whole number");
        assertThat(json.decode("{\"auction\": {\"a\": 1}}")).isEqualTo("BAD: column 'auction': expected BIGINT, found an object");
        assertThat(json.decode("{\"n\": 3000000000}")).asString().contains("out of range");
        assertThat(json.decode("{\"auction\": 99999999999999999999}")).asString().contains("not a whole number in range");
        assertThat(json.decode("{\"ok\": 1}")).isEqualTo("BAD: column 'ok': expected BOOLEAN, found a number");
        assertThat(json.decode("{\"date_time\": \"yesterday\"}")).asString().contains("is not a TIMESTAMP");
        assertThat(json.decode("{\"date_time\": \"2026-02-30 00:00:00\"}")).asString().contains("is not a TIMESTAMP");
        assertThat(json.decode("{\"price\": 123456789.5}")).asString().contains("does not fit DECIMAL(10, 2)");
        assertThat(json.decode("")).asString().startsWith("BAD:");
    }

    @Test
    void notNullColumnsRefuseNullAndMissing() {
        DecodeTester strict = new DecodeTester(new JsonFormat(List.of(new Column("id", DataType.of(TypeKind.BIGINT).notNull()))),
                allocator);
        assertThat(strict.decode("{\"id\": null}")).isEqualTo("BAD: column 'id': NULL in a NOT NULL column");
        assertThat(strict.decode("{}")).isEqualTo("BAD: column 'id': NULL in a NOT NULL column");
        assertThat(strict.decode("{\"id\": 5}")).isEqualTo(row(5L));
    }
}
