package dev.runnel.shell.output;

import java.io.PrintWriter;
import java.util.List;

/**
 * CSV after RFC 4180: a header line, fields with a comma, quote or line break in double quotes
 * (quotes doubled), NULL as an empty field and the empty string as {@code ""}; lines end in
 * {@code \n}. Flushes every row of a push query.
 */
final class CsvPrinter implements RowPrinter {
    private final PrintWriter out;
    private boolean streaming;

    CsvPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void start(List<ColumnInfo> columns, boolean streaming) {
        this.streaming = streaming;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(columns.get(i).label()));
        }
        out.print(b.append('\n'));
        if (streaming) {
            out.flush();
        }
    }

    @Override
    public void row(Object[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String text = Values.text(values[i]);
            if (text != null) {
                b.append(text.isEmpty() ? "\"\"" : field(text));
            }
        }
        out.print(b.append('\n'));
        if (streaming) {
            out.flush();
        }
    }

    @Override
    public void end(long rows) {
        out.flush();
    }

    static String field(String s) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
