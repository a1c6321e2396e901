package dev.runnel.shell.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three output formats, value by value. */
class PrintersTest {
    private static final List<ColumnInfo> COLUMNS = List.of(new ColumnInfo("id", true, 8),
            new ColumnInfo("name", false, 12), new ColumnInfo("price", true, 12), new ColumnInfo("at", false, 23),
            new ColumnInfo("ok", false, 5), new ColumnInfo("day", false, 10));
    private static final Object[] ROW1 = {1L, "plain", new BigDecimal("1E+3"), LocalDateTime.of(2026, 1, 1, 0, 0, 1),
            true, LocalDate.of(2026, 1, 2)};
    private static final Object[] ROW2 = {22L, "a, \"quoted\"\nline", new BigDecimal("0.50"), null, false, null};
    private static final Object[] ROW3 = {null, "", null, null, null, null};

    private static String print(OutputFormat format, boolean streaming, Object[]... rows) {
        StringWriter s = new StringWriter();
        RowPrinter p = format.printer(new PrintWriter(s));
        p.start(COLUMNS, streaming);
        for (Object[] r : rows) {
            p.row(r);
        }
        p.end(rows.length);
        return s.toString();
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndLeavesNullEmpty() {
        assertThat(print(OutputFormat.CSV, false, ROW1, ROW2, ROW3)).isEqualTo("""
                id,name,price,at,ok,day
                1,plain,1000,2026-01-01 00:00:01.000,true,2026-01-02
                22,"a, ""quoted""
                line",0.50,,false,
                ,"",,,,
                """);
    }

    @Test
    void jsonWritesOneObjectPerLine() {
        assertThat(print(OutputFormat.JSON, false, ROW1, ROW2)).isEqualTo("""
                {"id":1,"name":"plain","price":1000,"at":"2026-01-01 00:00:01.000","ok":true,"day":"2026-01-02"}
                {"id":22,"name":"a, \\"quoted\\"\\nline","price":0.50,"at":null,"ok":false,"day":null}
                """);
    }

    @Test
    void tableAlignsColumnsAndCountsRows() {
        assertThat(print(OutputFormat.TABLE, false, ROW1, ROW3)).isEqualTo("""
                 id   | name  | price | at                      | ok   | day
                ------+-------+-------+-------------------------+------+------------
                    1 | plain |  1000 | 2026-01-01 00:00:01.000 | true | 2026-01-02
                 NULL |       |  NULL | NULL                    | NULL | NULL
                (2 rows)
                """);
    }

    @Test
    void tableSaysOneRowAndNoRows() {
        assertThat(print(OutputFormat.TABLE, false, ROW1)).endsWith("(1 row)\n");
        assertThat(print(OutputFormat.TABLE, false)).endsWith("(0 rows)\n");
    }

    @Test
    void streamingTablePrintsTheHeaderBeforeAnyRow() {
        StringWriter s = new StringWriter();
        RowPrinter p = OutputFormat.TABLE.printer(new PrintWriter(s));
        p.start(List.of(new ColumnInfo("auction", true, 10), new ColumnInfo("price", true, 10)), true);
        assertThat(s.toString()).isEqualTo(" auction    | price\n------------+------------\n");
        p.row(new Object[] {1L, 100L});
        assertThat(s.toString()).endsWith("          1 |        100\n");
    }
}
