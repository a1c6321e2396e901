package dev.runnel.exec.golden;

import dev.runnel.exec.format.DateTimeText;
import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders result values and tables for golden transcripts, deterministically.
 *
 * <p>Values follow the command line's csv contract: TIMESTAMP as {@code yyyy-MM-dd HH:mm:ss.SSS},
 * DATE as {@code yyyy-MM-dd}, BOOLEAN as {@code true}/{@code false}, DECIMAL in plain notation,
 * DOUBLE as Java prints it, intervals as {@code +D HH:mm:ss.SSS} and {@code +Y-MM}. Unlike csv, NULL
 * is the word {@code NULL}; so that no value can be mistaken for another, a string is written in
 * double quotes (quotes doubled) when it is empty, is {@code NULL}, has a comma, a quote or a line
 * break, or starts or ends with a space; a line break inside shows as {@code \n}.
 *
 * <p>A table is the column names, their types, a rule, one line per row (numbers right-aligned)
 * and {@code (N rows)}. Lines carry no trailing spaces. Stateless.
 */
final class ResultText {
    private ResultText() {}

    static String value(Object v, DataType type) {
        if (v == null) {
            return "NULL";
        }
        return switch (type.kind()) {
            case TIMESTAMP -> v instanceof Long l ? DateTimeText.timestampToString(l) : v.toString();
            case DATE -> v instanceof Integer d ? LocalDate.ofEpochDay(d).toString() : v.toString();
            case DECIMAL -> v instanceof BigDecimal d ? d.toPlainString() : v.toString();
            case INTERVAL_DAY_TIME -> v instanceof Long l ? dayTime(l) : v.toString();
            case INTERVAL_YEAR_MONTH -> v instanceof Integer m ? yearMonth(m) : v.toString();
            case VARCHAR -> string(v.toString());
            default -> v instanceof String s ? string(s) : v.toString();
        };
    }

    static String string(String s) {
        boolean quote = s.isEmpty() || s.equals("NULL") || s.startsWith(" ") || s.endsWith(" ");
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"").replace("\r", "\\r").replace("\n", "\\n") + '"';
    }

    private static String dayTime(long millis) {
        String sign = millis < 0 ? "-" : "+";
        long m = Math.abs(millis);
        long days = m / 86_400_000L;
        long rest = m % 86_400_000L;
        return String.format("%s%d %02d:%02d:%02d.%03d", sign, days, rest / 3_600_000, rest / 60_000 % 60,
                rest / 1000 % 60, rest % 1000);
    }

    private static String yearMonth(int months) {
        String sign = months < 0 ? "-" : "+";
        int m = Math.abs(months);
        return String.format("%s%d-%02d", sign, m / 12, m % 12);
    }

    /** Every row's values as text, in the given order. */
    static List<String[]> texts(List<Column> columns, List<Object[]> rows) {
        List<String[]> out = new ArrayList<>();
        for (Object[] row : rows) {
            String[] cells = new String[columns.size()];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = value(c < row.length ? row[c] : null, columns.get(c).type());
            }
            out.add(cells);
        }
        return out;
    }

    /** Orders rendered rows by their cells, left to right (text order; numbers compare as numbers). */
    static Comparator<String[]> rowOrder(List<Column> columns) {
        return (a, b) -> {
            for (int c = 0; c < a.length; c++) {
                int cmp = compareCell(a[c], b[c], columns.get(c).type().kind());
                if (cmp != 0) {
                    return cmp;
                }
            }
            return 0;
        };
    }

    private static int compareCell(String a, String b, TypeKind kind) {
        boolean aNull = a.equals("NULL");
        boolean bNull = b.equals("NULL");
        if (aNull || bNull) {
            return Boolean.compare(aNull, bNull); // NULLs last
        }
        if (kind.isNumeric()) {
            try {
                return new BigDecimal(a).compareTo(new BigDecimal(b));
            } catch (NumberFormatException e) {
                // NaN, Infinity: fall through to text order
            }
        }
        return a.compareTo(b);
    }

    /** The aligned table of a result: names, types, a rule, rows, and the row count. */
    static String table(List<Column> columns, List<String[]> rows) {
        return table(columns, rows, true);
    }

    /** The same table, with or without the line of types (docs/sql.md shows results without). */
    static String table(List<Column> columns, List<String[]> rows, boolean withTypes) {
        int n = columns.size();
        int[] width = new int[n];
        String[] types = new String[n];
        for (int c = 0; c < n; c++) {
            types[c] = columns.get(c).type().toSql();
            width[c] = Math.max(columns.get(c).name().length(), withTypes ? types[c].length() : 0);
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        String[] names = columns.stream().map(Column::name).toArray(String[]::new);
        line(b, names, width, null);
        if (withTypes) {
            line(b, types, width, null);
        }
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < n; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
        }
        b.append(rule).append('\n');
        for (String[] row : rows) {
            line(b, row, width, columns);
        }
        b.append('(').append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)").append('\n');
        return b.toString();
    }

    private static void line(StringBuilder b, String[] cells, int[] width, List<Column> columns) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                l.append(" | ");
            }
            boolean right = columns != null && columns.get(c).type().kind().isNumeric();
            String pad = " ".repeat(width[c] - cells[c].length());
            l.append(right ? pad + cells[c] : cells[c] + pad);
        }
        b.append(stripTrailing(l)).append('\n');
    }

    private static String stripTrailing(CharSequence s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.subSequence(0, end).toString();
    }
}
