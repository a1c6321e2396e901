package dev.runnel.sql;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * One statement's text as ANTLR sees it, with the way back to the script: ANTLR indexes code
 * points within the statement, the script is addressed by UTF-16 chars, so token indices are
 * converted before they become {@link SourcePos positions} or substrings. Immutable.
 */
final class SourceText {
    private final StatementText statement;
    private final LineMap scriptLines;
    private final CharStream chars;
    /** Char offset of each code point, or null when the text has no surrogate pairs (offsets are equal). */
    private final int[] charOffsets;

    SourceText(StatementText statement, LineMap scriptLines) {
        this.statement = statement;
        this.scriptLines = scriptLines;
        String text = statement.text();
        this.chars = CharStreams.fromString(text);
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            charOffsets = null;
        } else {
            charOffsets = new int[codePoints + 1];
            for (int cp = 0, i = 0; cp < codePoints; cp++) {
                charOffsets[cp] = i;
                i += Character.charCount(text.codePointAt(i));
            }
            charOffsets[codePoints] = text.length();
        }
    }

    StatementText statement() {
        return statement;
    }

    CharStream chars() {
        return chars;
    }

    /** Where a token starts in the script; end of file is the position just after the statement. */
    SourcePos pos(Token token) {
        return token.getType() == Token.EOF ? end() : scriptLines.pos(statement.offset() + charOffset(token.getStartIndex()));
    }

    SourcePos pos(ParserRuleContext ctx) {
        return pos(ctx.getStart());
    }

    /** The position just after the statement's last character. */
    SourcePos end() {
        return scriptLines.pos(statement.offset() + statement.text().length());
    }

    /** The exact source text of a rule, from its first token to its last, comments inside included. */
    String text(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop();
        if (stop == null || stop.getType() == Token.EOF || stop.getStopIndex() < start.getStartIndex()) {
            return "";
        }
        String text = statement.text();
        return text.substring(charOffset(start.getStartIndex()), withTrailingHints(text,
                charOffset(stop.getStopIndex() + 1)));
    }

    /**
     * {@code end}, moved past hint comments ({@code /*+ ... *}{@code /}) that follow it: the lexer skips
     * comments, so a table hint after a query's last token ({@code FROM bids /*+ OPTIONS(...) *}{@code /})
     * would otherwise be cut off the text Calcite parses.
     */
    private static int withTrailingHints(String text, int end) {
        int at = end;
        while (true) {
            int i = at;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (!text.startsWith("/*+", i)) {
                return at;
            }
            int close = text.indexOf("*/", i + 3);
            if (close < 0) {
                return at;
            }
            at = close + 2;
        }
    }

    private int charOffset(int codePointIndex) {
        if (charOffsets == null) {
            return Math.min(codePointIndex, statement.text().length());
        }
        return charOffsets[Math.min(codePointIndex, charOffsets.length - 1)];
    }
}
