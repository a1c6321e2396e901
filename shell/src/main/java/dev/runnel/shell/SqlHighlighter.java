package dev.runnel.shell;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the statement being typed: SQL keywords bold blue, string literals green, numbers cyan,
 * comments grey; identifiers (quoted or not) and everything else plain. Works on incomplete input
 * (an unclosed string or comment runs to the end) and several lines. The keywords are the shell's
 * own plus those the driver reports ({@code getSQLKeywords}). Terminals without colours show the text
 * as it is (JLine drops the styles). Immutable.
 */
final class SqlHighlighter implements Highlighter {
    static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT | AttributedStyle.BLACK);

    private static final Set<String> MORE_KEYWORDS = Set.of("OFFSET", "FETCH", "NEXT", "ROWS", "ONLY", "EXCEPT",
            "INTERSECT", "OVER", "PARTITION", "WINDOW", "CROSS", "USING", "NATURAL", "ANY", "SOME", "ESCAPE", "LATERAL",
            "CURRENT_TIMESTAMP", "CURRENT_DATE", "RESTRICT", "CASCADE", "EMIT", "FIRST", "LAST", "NULLS", "ROW", "TO", "YEAR",
            "MONTH");

    private final Set<String> keywords;

    SqlHighlighter(Collection<String> extraKeywords) {
        Set<String> k = new TreeSet<>(SqlCompleter.KEYWORDS);
        k.addAll(MORE_KEYWORDS);
        for (String w : extraKeywords) {
            if (!w.isBlank()) {
                k.add(w.strip().toUpperCase(Locale.ROOT));
            }
        }
        this.keywords = Set.copyOf(k);
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        return highlight(buffer);
    }

    AttributedString highlight(String s) {
        AttributedStringBuilder b = new AttributedStringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int end;
            AttributedStyle style = AttributedStyle.DEFAULT;
            if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
                style = COMMENT;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                style = COMMENT;
            } else if (c == '\'') {
                end = closing(s, i, '\'');
                style = STRING;
            } else if (c == '"') {
                end = closing(s, i, '"'); // a quoted identifier: never a keyword
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1))
                    && (i == 0 || !isWordChar(s.charAt(i - 1))))) {
                end = number(s, i);
                style = NUMBER;
            } else if (isWordStart(c)) {
                end = i + 1;
                while (end < n && isWordChar(s.charAt(end))) {
                    end++;
                }
                if (keywords.contains(s.substring(i, end).toUpperCase(Locale.ROOT))) {
                    style = KEYWORD;
                }
            } else {
                end = i + 1;
            }
            b.styled(style, s.substring(i, end));
            i = end;
        }
        return b.toAttributedString();
    }

    /** The end of a quoted run starting at {@code start}, doubled quotes inside; the input's end if unclosed. */
    private static int closing(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    private static int number(String s, int start) {
        int i = start;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            if (j < s.length() && Character.isDigit(s.charAt(j))) {
                i = j;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
