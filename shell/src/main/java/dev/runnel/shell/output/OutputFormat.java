package dev.runnel.shell.output;

/** How results are printed: {@code csv} (RFC 4180 quoting, header line), {@code table} (aligned), {@code json} (one object per line). */
public enum OutputFormat {
    CSV,
    TABLE,
    JSON;

    /** A printer writing to {@code out}. */
    public RowPrinter printer(java.io.PrintWriter out) {
        return switch (this) {
            case CSV -> new CsvPrinter(out);
            case TABLE -> new TablePrinter(out);
            case JSON -> new JsonPrinter(out);
        };
    }
}
