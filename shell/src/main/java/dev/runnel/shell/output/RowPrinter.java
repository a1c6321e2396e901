package dev.runnel.shell.output;

import java.util.List;

/**
 * Prints one result: {@link #start} with the columns, {@link #row} per row as it arrives,
 * {@link #end} with the row count. Row values are those {@link JdbcRows} produces (LocalDateTime,
 * LocalDate, BigDecimal, Boolean, Number, String, null). A printer serves one result, from one thread.
 */
public interface RowPrinter {

    /** @param streaming rows arrive over time (a push query): print each at once, do not wait for the end */
    void start(List<ColumnInfo> columns, boolean streaming);

    void row(Object[] values);

    /** @param rows how many rows were printed */
    void end(long rows);
}
