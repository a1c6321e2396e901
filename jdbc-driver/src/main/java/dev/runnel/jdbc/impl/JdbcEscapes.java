package dev.runnel.jdbc.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JDBC escape syntax, which BI tools send, rewritten into Runnel SQL before the statement leaves
 * the driver: {@code {fn UCASE(x)}} to {@code UPPER(x)}, {@code {ts '2026-01-01 00:00:00'}} to
 * {@code TIMESTAMP '2026-01-01 00:00:00'}, {@code {d '...'}} to {@code DATE '...'}, {@code {t '...'}}
 * to {@code TIME '...'}, {@code {escape '\'}} to {@code ESCAPE '\'}, {@code {oj ...}} to its
 * contents, {@code {limit n}} to {@code LIMIT n}. Escapes nest. Text inside string literals,
 * quoted identifiers and comments is left alone; SQL without escapes comes back unchanged (the
 * same object). Functions without a Runnel spelling keep their name. Stateless and thread-safe.
 */
public final class JdbcEscapes {
    /** Scalar functions of the escape syntax whose Runnel name differs (arguments unchanged). */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("UCASE", "UPPER"),
            Map.entry("LCASE", "LOWER"),
            Map.entry("LENGTH", "CHAR_LENGTH"),
            Map.entry("CEILING", "CEIL"),
            Map.entry("LOG", "LN"),
            Map.entry("IFNULL", "COALESCE"));

    /** The JDBC escape functions Runnel runs, by DatabaseMetaData's categories. */
    public static final String NUMERIC_FUNCTIONS = "ABS,CEILING,EXP,FLOOR,LOG,LOG10,MOD,POWER,ROUND,SQRT";
    public static final String STRING_FUNCTIONS = "CHAR_LENGTH,CHARACTER_LENGTH,CONCAT,LCASE,LENGTH,LOCATE,LTRIM,"
            + "RTRIM,SUBSTRING,UCASE";
    public static final String TIME_DATE_FUNCTIONS = "CURRENT_TIMESTAMP,DAYOFMONTH,HOUR,MINUTE,MONTH,NOW,QUARTER,SECOND,"
            + "YEAR";
    public static final String SYSTEM_FUNCTIONS = "IFNULL";

    private JdbcEscapes() {}

    /** {@code sql} with its escapes rewritten. */
    public static String translate(String sql) {
        if (sql == null || sql.indexOf('{') < 0) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        int end = copy(sql, 0, out, false);
        if (end < sql.length()) {
            out.append(sql, end, sql.length()); // a stray '}' at top level: leave it for the parser to report
        }
        return out.toString();
    }

    /**
     * Copies {@code sql} from {@code i} into {@code out}, rewriting escapes, until the end or (when
     * {@code inEscape}) the '}' closing the current escape; returns the index of that '}' or the length.
     */
    private static int copy(String sql, int i, StringBuilder out, boolean inEscape) {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int close = i + 1;
                while (close < n) {
                    if (sql.charAt(close) == c) {
                        if (close + 1 < n && sql.charAt(close + 1) == c) {
                            close += 2;
                            continue;
                        }
                        break;
                    }
                    close++;
                }
                int stop = Math.min(n, close + 1);
                out.append(sql, i, stop);
                i = stop;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                int stop = nl < 0 ? n : nl;
                out.append(sql, i, stop);
                i = stop;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                int stop = close < 0 ? n : close + 2;
                out.append(sql, i, stop);
                i = stop;
            } else if (c == '{') {
                i = escape(sql, i, out);
            } else if (c == '}' && inEscape) {
                return i;
            } else {
                out.append(c);
                i++;
            }
        }
        return n;
    }

    /** Rewrites the escape starting at {@code open} ('{'); returns the index after its '}'. */
    private static int escape(String sql, int open, StringBuilder out) {
        int i = open + 1;
        int n = sql.length();
        while (i < n && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        int kwStart = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        String keyword = sql.substring(kwStart, i).toLowerCase(Locale.ROOT);
        StringBuilder body = new StringBuilder();
        int close = copy(sql, i, body, true);
        int after = Math.min(n, close + 1);
        String inner = body.toString().strip();
        switch (keyword) {
            case "fn" -> out.append(function(inner));
            case "ts" -> out.append("TIMESTAMP ").append(inner);
            case "d" -> out.append("DATE ").append(inner);
            case "t" -> out.append("TIME ").append(inner);
            case "escape" -> out.append("ESCAPE ").append(inner);
            case "limit" -> out.append("LIMIT ").append(inner);
            case "oj" -> out.append(inner);
            default -> out.append('{').append(sql, kwStart, i).append(body).append(close < n ? "}" : "");
        }
        return after;
    }

    /** {@code NAME(args)} of a {@code {fn ...}} escape in Runnel's spelling. */
    private static String function(String call) {
        int paren = call.indexOf('(');
        if (paren < 0 || !call.endsWith(")")) {
            return call;
        }
        String name = call.substring(0, paren).strip().toUpperCase(Locale.ROOT);
        String argText = call.substring(paren + 1, call.length() - 1);
        List<String> args = splitArgs(argText);
        switch (name) {
            case "CONCAT":
                return args.size() == 2 ? "(" + args.get(0) + " || " + args.get(1) + ")" : call;
            case "NOW":
            case "CURRENT_TIMESTAMP":
                return args.isEmpty() ? "CURRENT_TIMESTAMP" : call;
            case "CURDATE":
            case "CURRENT_DATE":
                return args.isEmpty() ? "CURRENT_DATE" : call;
            case "LTRIM":
                return args.size() == 1 ? "TRIM(LEADING FROM " + args.get(0) + ")" : call;
            case "RTRIM":
                return args.size() == 1 ? "TRIM(TRAILING FROM " + args.get(0) + ")" : call;
            case "LOCATE":
                return args.size() == 2 ? "POSITION(" + args.get(0) + " IN " + args.get(1) + ")" : call;
            case "YEAR":
            case "MONTH":
            case "HOUR":
            case "MINUTE":
            case "SECOND":
            case "QUARTER":
                return args.size() == 1 ? "EXTRACT(" + name + " FROM " + args.get(0) + ")" : call;
            case "DAYOFMONTH":
                return args.size() == 1 ? "EXTRACT(DAY FROM " + args.get(0) + ")" : call;
            default:
                String renamed = RENAMED.get(name);
                return renamed == null ? call : renamed + "(" + argText + ")";
        }
    }

    /** Arguments split at top-level commas (not inside parentheses or quotes), stripped. */
    private static List<String> splitArgs(String text) {
        List<String> args = new ArrayList<>();
        if (text.isBlank()) {
            return args;
        }
        int depth = 0;
        int start = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        args.add(text.substring(start).strip());
        return args;
    }
}
