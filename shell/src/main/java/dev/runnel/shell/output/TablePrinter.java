package dev.runnel.shell.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns for people, with a {@code (N rows)} footer:
 *
 * <pre>
 *  auction | price
 * ---------+-------
 *        1 |   100
 * (1 row)
 * </pre>
 *
 * Numbers align right, text left, NULL shows as {@code NULL}. A finished result is printed once all
 * rows are in, so widths fit; a push query's rows are printed as they come, in widths taken from
 * the column types.
 */
final class TablePrinter implements RowPrinter {
    static final String NULL = "NULL";
    private static final int MAX_STREAMING_WIDTH = 24;

    private final PrintWriter out;
    private List<ColumnInfo> columns;
    private boolean streaming;
    private int[] widths;
    private final List<String[]> buffered = new ArrayList<>();

    TablePrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void start(List<ColumnInfo> columns, boolean streaming) {
        this.columns = List.copyOf(columns);
        this.streaming = streaming;
        this.widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).label().length();
            if (streaming) {
                widths[i] = Math.max(widths[i], Math.min(MAX_STREAMING_WIDTH, columns.get(i).widthHint()));
            }
        }
        if (streaming) {
            header();
            out.flush();
        }
    }

    @Override
    public void row(Object[] values) {
        String[] cells = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            String text = Values.text(values[i]);
            cells[i] = text == null ? NULL : text.replace("\r", "\\r").replace("\n", "\\n");
        }
        if (streaming) {
            line(cells);
            out.flush();
        } else {
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
            buffered.add(cells);
        }
    }

    @Override
    public void end(long rows) {
        if (!streaming) {
            header();
            buffered.forEach(this::line);
            buffered.clear();
        }
        out.println(rows == 1 ? "(1 row)" : "(" + rows + " rows)");
        out.flush();
    }

    private void header() {
        StringBuilder head = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            head.append(i == 0 ? " " : " | ").append(pad(columns.get(i).label(), widths[i], false));
            rule.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(head.toString().stripTrailing());
        out.println(rule.append('-'));
    }

    private void line(String[] cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            b.append(i == 0 ? " " : " | ").append(pad(cells[i], widths[i], columns.get(i).numeric()));
        }
        out.println(b.toString().stripTrailing());
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
