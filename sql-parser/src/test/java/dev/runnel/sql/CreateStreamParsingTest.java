package dev.runnel.sql;

import static dev.runnel.sql.Parsing.error;
import static dev.runnel.sql.Parsing.parse;
import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.runnel.sql.statement.ColumnDef;
import dev.runnel.sql.statement.CreateStream;
import dev.runnel.sql.statement.WatermarkDef;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import org.apache.calcite.sql.SqlKind;
import org.junit.jupiter.api.Test;

class CreateStreamParsingTest {
    private static final String BIDS = """
            CREATE STREAM bids (
              auction  BIGINT,
              bidder   BIGINT,
              price    BIGINT,
              channel  VARCHAR,
              url      VARCHAR,
              date_time TIMESTAMP(3),
              extra    VARCHAR,
              WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND
            ) WITH (topic = 'bids', partitions = 4, format = 'json', key = 'auction',
                    retention = '7 days', late = 'drop');""";

    @Test
    void bidsFromTheSqlGuideParsesToEveryField() {
        CreateStream s = parse(BIDS, CreateStream.class);
        assertThat(s.name()).isEqualTo("bids");
        assertThat(s.columns()).containsExactly(
                new ColumnDef("auction", DataType.of(TypeKind.BIGINT), pos(2, 3)),
                new ColumnDef("bidder", DataType.of(TypeKind.BIGINT), pos(3, 3)),
                new ColumnDef("price", DataType.of(TypeKind.BIGINT), pos(4, 3)),
                new ColumnDef("channel", DataType.varchar(), pos(5, 3)),
                new ColumnDef("url", DataType.varchar(), pos(6, 3)),
                new ColumnDef("date_time", DataType.of(TypeKind.TIMESTAMP), pos(7, 3)),
                new ColumnDef("extra", DataType.varchar(), pos(8, 3)));
        WatermarkDef watermark = s.watermark().orElseThrow();
        assertThat(watermark.column()).isEqualTo("date_time");
        assertThat(watermark.pos()).isEqualTo(pos(9, 3));
        assertThat(watermark.expression().sql()).isEqualTo("date_time - INTERVAL '4' SECOND");
        assertThat(watermark.expression().origin()).isEqualTo(pos(9, 30));
        assertThat(watermark.expression().node().getKind()).isEqualTo(SqlKind.MINUS);
        assertThat(s.options()).containsExactly(entry("topic", "bids"), entry("partitions", "4"),
                entry("format", "json"), entry("key", "auction"), entry("retention", "7 days"), entry("late", "drop"));
        assertThat(s.ifNotExists()).isFalse();
        assertThat(s.pos()).isEqualTo(pos(1, 1));
        assertThat(s.text()).isEqualTo(BIDS.substring(0, BIDS.length() - 1));
    }

    @Test
    void namesKeepTheirCaseAndQuotedNamesLoseTheirQuotes() {
        CreateStream s = parse("create stream if not exists \"Click Stream\" (UserId BIGINT, \"the \"\"url\"\"\" STRING)",
                CreateStream.class);
        assertThat(s.name()).isEqualTo("Click Stream");
        assertThat(s.ifNotExists()).isTrue();
        assertThat(s.columns()).extracting(ColumnDef::name).containsExactly("UserId", "the \"url\"");
        assertThat(s.watermark()).isEmpty();
        assertThat(s.options()).isEmpty();
    }

    @Test
    void keywordsMayNameColumns() {
        CreateStream s = parse("CREATE STREAM s (date DATE, key STRING, topic INT, year INT, timestamp TIMESTAMP)",
                CreateStream.class);
        assertThat(s.columns()).extracting(ColumnDef::name).containsExactly("date", "key", "topic", "year", "timestamp");
    }

    @Test
    void notNullAndNullSetNullability() {
        CreateStream s = parse("CREATE STREAM s (a INT NOT NULL, b INT NULL, c INT)", CreateStream.class);
        assertThat(s.columns()).extracting(ColumnDef::type).containsExactly(
                DataType.of(TypeKind.INT).notNull(), DataType.of(TypeKind.INT), DataType.of(TypeKind.INT));
    }

    @Test
    void watermarkMayComeAnywhereAndItsExpressionMayHoldParenthesesAndCommas() {
        CreateStream s = parse("CREATE STREAM s (WATERMARK FOR TS AS COALESCE(ts, CAST(NULL AS TIMESTAMP(3))), ts TIMESTAMP)",
                CreateStream.class);
        WatermarkDef w = s.watermark().orElseThrow();
        assertThat(w.column()).as("named as declared").isEqualTo("ts");
        assertThat(w.expression().sql()).isEqualTo("COALESCE(ts, CAST(NULL AS TIMESTAMP(3)))");
        assertThat(w.expression().origin()).isEqualTo(pos(1, 38));
    }

    @Test
    void optionValuesAreStringsNumbersBooleansOrNames() {
        CreateStream s = parse("CREATE STREAM s (a INT) WITH ('Scan.Startup' = 'it''s', retention.MS = 86400000, "
                + "ratio = -0.5, big = 1e3, header = TRUE, compact = false, late = Drop, class = dev.runnel.X, "
                + "\"Quoted\" = \"Value\")", CreateStream.class);
        assertThat(s.options()).containsExactly(entry("scan.startup", "it's"), entry("retention.ms", "86400000"),
                entry("ratio", "-0.5"), entry("big", "1e3"), entry("header", "true"), entry("compact", "false"),
                entry("late", "Drop"), entry("class", "dev.runnel.X"), entry("quoted", "Value"));
    }

    @Test
    void primaryKeyOnAStreamIsRejected() {
        RunnelSqlException e = error("CREATE STREAM s (a INT PRIMARY KEY)");
        assertThat(e.sqlState()).isEqualTo("42000");
        assertThat(e.getMessage()).isEqualTo("line 1, column 24: a STREAM is append-only and has no PRIMARY KEY; "
                + "use CREATE TABLE for a changelog keyed by its primary key");
    }

    @Test
    void columnDeclaredTwiceIgnoringCaseIsRejected() {
        assertThat(error("CREATE STREAM s (a INT, A BIGINT)").getMessage())
                .isEqualTo("line 1, column 25: column 'A' is declared twice");
    }

    @Test
    void conflictingNullabilityIsRejected() {
        assertThat(error("CREATE STREAM s (a INT NOT NULL NULL)").getMessage())
                .isEqualTo("line 1, column 33: column 'a' cannot be both NULL and NOT NULL");
    }

    @Test
    void watermarkOnAnUnknownColumnSuggestsTheClosestColumn() {
        RunnelSqlException e = error("CREATE STREAM s (date_time TIMESTAMP, WATERMARK FOR datetime AS date_time)");
        assertThat(e.sqlState()).isEqualTo("42S22");
        assertThat(e.getMessage())
                .isEqualTo("line 1, column 53: unknown column 'datetime' in WATERMARK (did you mean 'date_time'?)");
    }

    @Test
    void watermarkOnANonTimestampColumnIsATypeMismatch() {
        RunnelSqlException e = error("CREATE STREAM s (ts BIGINT NOT NULL, WATERMARK FOR ts AS ts - 1000)");
        assertThat(e.sqlState()).isEqualTo("42804");
        assertThat(e.getMessage()).isEqualTo("line 1, column 52: WATERMARK column 'ts' must be TIMESTAMP(3), not BIGINT");
    }

    @Test
    void secondWatermarkIsRejected() {
        assertThat(error("CREATE STREAM s (ts TIMESTAMP, WATERMARK FOR ts AS ts, WATERMARK FOR ts AS ts)").getMessage())
                .isEqualTo("line 1, column 56: WATERMARK is declared more than once");
    }

    @Test
    void optionGivenTwiceIgnoringCaseIsRejected() {
        assertThat(error("CREATE STREAM s (a INT) WITH (topic = 'a', 'TOPIC' = 'b')").getMessage())
                .isEqualTo("line 1, column 44: option 'topic' is given twice");
    }

    @Test
    void watermarkExpressionSyntaxErrorIsPositionedInTheScript() {
        RunnelSqlException e = error("CREATE STREAM s (\n  ts TIMESTAMP(3),\n  WATERMARK FOR ts AS ts - INTERVAL '5' SECUND\n)");
        assertThat(e.position()).isEqualTo(pos(3, 41));
        assertThat(e.detail()).startsWith("unexpected 'SECUND', expected one of: ").endsWith("(did you mean SECOND?)");
    }
}
