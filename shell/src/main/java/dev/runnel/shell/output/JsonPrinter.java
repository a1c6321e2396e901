package dev.runnel.shell.output;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;

/**
 * One JSON object per row and line ({@code {"auction":1,"price":100}}), keys in column order;
 * numbers and booleans bare, date-times and text as strings, NULL as {@code null}. Non-finite
 * doubles become strings ({@code "NaN"}), which JSON has no number for.
 */
final class JsonPrinter implements RowPrinter {
    private final PrintWriter out;
    private List<ColumnInfo> columns;
    private boolean streaming;

    JsonPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void start(List<ColumnInfo> columns, boolean streaming) {
        this.columns = List.copyOf(columns);
        this.streaming = streaming;
    }

    @Override
    public void row(Object[] values) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            string(b, columns.get(i).label());
            b.append(':');
            value(b, values[i]);
        }
        out.print(b.append("}\n"));
        if (streaming) {
            out.flush();
        }
    }

    @Override
    public void end(long rows) {
        out.flush();
    }

    private static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short) {
            b.append(v);
        } else if (v instanceof BigDecimal d) {
            b.append(d.toPlainString());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                b.append(v);
            } else {
                string(b, v.toString());
            }
        } else {
            string(b, Values.text(v));
        }
    }

    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
