package dev.runnel.shell.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at the {@code ;} that end them, skipping semicolons inside
 * string literals ({@code '...'}, {@code ''} escapes a quote), quoted identifiers ({@code "..."},
 * {@code `...`}) and comments ({@code -- ...} to the end of the line, {@code /* ... *}{@code /}).
 * A last statement without {@code ;} counts too. Stateless.
 */
public final class SqlScript {
    private SqlScript() {}

    /** The statements of {@code script}, in order; blank and comment-only stretches yield none. */
    public static List<ScriptStatement> split(String script) {
        return scan(script).statements;
    }

    /**
     * Whether interactive input is ready to run: every statement in it ends with {@code ;} and no
     * literal or block comment is left open. Blank input is complete (there is nothing to wait for).
     */
    public static boolean isComplete(String input) {
        Scan s = scan(input);
        return !s.pending && !s.open;
    }

    private static final java.util.regex.Pattern PUSH_QUERY = java.util.regex.Pattern.compile(
            "(?is)^(\\s|--[^\\n]*(\\n|$)|/\\*.*?\\*/)*SELECT\\s+STREAM\\b.*");

    /**
     * Whether a statement reads like a push query ({@code SELECT STREAM ...}): for clients whose
     * connection cannot say whether a result ends (remote ones), so they still print rows as they come.
     */
    public static boolean looksLikePushQuery(String statement) {
        return PUSH_QUERY.matcher(statement).matches();
    }

    private enum State { CODE, SINGLE, DOUBLE, BACKTICK, LINE_COMMENT, BLOCK_COMMENT }

    private static final class Scan {
        final List<ScriptStatement> statements = new ArrayList<>();
        boolean pending; // text after the last ';'
        boolean open; // inside a literal, quoted identifier or block comment at the end
    }

    private static Scan scan(String text) {
        Scan out = new Scan();
        State state = State.CODE;
        int start = -1;
        int startLine = 0;
        int startColumn = 0;
        int line = 1;
        int column = 1;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            switch (state) {
                case CODE -> {
                    if (c == '-' && next == '-') {
                        state = State.LINE_COMMENT;
                    } else if (c == '/' && next == '*') {
                        state = State.BLOCK_COMMENT;
                        i++;
                        column++;
                    } else if (c == ';') {
                        if (start >= 0) {
                            out.statements.add(new ScriptStatement(text.substring(start, i + 1), startLine, startColumn));
                            start = -1;
                        }
                    } else if (!Character.isWhitespace(c)) {
                        if (start < 0) {
                            start = i;
                            startLine = line;
                            startColumn = column;
                        }
                        if (c == '\'') {
                            state = State.SINGLE;
                        } else if (c == '"') {
                            state = State.DOUBLE;
                        } else if (c == '`') {
                            state = State.BACKTICK;
                        }
                    }
                }
                case SINGLE, DOUBLE, BACKTICK -> {
                    char quote = state == State.SINGLE ? '\'' : state == State.DOUBLE ? '"' : '`';
                    if (c == quote) {
                        if (next == quote) {
                            i++;
                            column++;
                        } else {
                            state = State.CODE;
                        }
                    }
                }
                case LINE_COMMENT -> {
                    if (c == '\n') {
                        state = State.CODE;
                    }
                }
                case BLOCK_COMMENT -> {
                    if (c == '*' && next == '/') {
                        state = State.CODE;
                        i++;
                        column++;
                    }
                }
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        if (start >= 0) {
            out.statements.add(new ScriptStatement(text.substring(start).stripTrailing(), startLine, startColumn));
            out.pending = true;
        }
        out.open = state == State.SINGLE || state == State.DOUBLE || state == State.BACKTICK
                || state == State.BLOCK_COMMENT;
        return out;
    }
}
