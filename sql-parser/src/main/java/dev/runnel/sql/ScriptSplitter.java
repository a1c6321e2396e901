package dev.runnel.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements on {@code ;}. A {@code ;} inside a single-quoted string
 * ({@code ''} escapes a quote), a double-quoted or backquoted identifier (quotes doubled to
 * escape), a {@code --} line comment or a {@code /* *}{@code /} block comment does not end a
 * statement. Statements with nothing but whitespace and comments are skipped; the last
 * statement needs no {@code ;}. Stateless and thread-safe.
 */
public final class ScriptSplitter {
    private ScriptSplitter() {}

    /**
     * The script's statements in order.
     *
     * @throws RunnelSqlException (42000) for a string, quoted identifier or block comment that
     *     is never closed, positioned where it starts
     */
    public static List<StatementText> split(String script) {
        LineMap lines = new LineMap(script);
        List<StatementText> statements = new ArrayList<>();
        int start = -1;            // first significant char of the current statement, or -1
        int end = -1;              // just after its last significant char
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            int next;
            boolean significant = true;
            if (c == ';') {
                if (start >= 0) {
                    statements.add(new StatementText(script.substring(start, end), start, lines.pos(start)));
                }
                start = -1;
                i++;
                continue;
            } else if (c == '\'' || c == '"' || c == '`') {
                next = skipQuoted(script, i, c, lines);
            } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                next = skipLineComment(script, i);
                significant = false;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                next = skipBlockComment(script, i, lines);
                // a hint (/*+ OPTIONS(...) */) after a table name is part of the statement, even last
                significant = start >= 0 && script.startsWith("/*+", i);
            } else {
                next = i + 1;
                significant = !Character.isWhitespace(c);
            }
            if (significant) {
                if (start < 0) {
                    start = i;
                }
                end = next;
            }
            i = next;
        }
        if (start >= 0) {
            statements.add(new StatementText(script.substring(start, end), start, lines.pos(start)));
        }
        return statements;
    }

    /** Skips a quoted string or identifier starting at {@code from}; returns the index after its closing quote. */
    private static int skipQuoted(String script, int from, char quote, LineMap lines) {
        int i = from + 1;
        while (i < script.length()) {
            if (script.charAt(i) == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        String what = quote == '\'' ? "string literal" : "quoted identifier";
        throw new RunnelSqlException("42000", "unterminated " + what + " starting here", lines.pos(from));
    }

    private static int skipLineComment(String script, int from) {
        int i = from + 2;
        while (i < script.length() && script.charAt(i) != '\n' && script.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private static int skipBlockComment(String script, int from, LineMap lines) {
        int close = script.indexOf("*/", from + 2);
        if (close < 0) {
            throw new RunnelSqlException("42000", "unterminated comment starting here", lines.pos(from));
        }
        return close + 2;
    }
}
