package dev.runnel.exec.expr.fn;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** VARCHAR functions that work on decoded text: TRIM, SPLIT_INDEX, REGEXP_EXTRACT. Stateless. */
public final class StringFunctions {
    /** TRIM sides, as the int codes generated code passes. */
    public static final int BOTH = 0, LEADING = 1, TRAILING = 2;

    private StringFunctions() {}

    /** The code of a TRIM side literal (BOTH, LEADING, TRAILING). */
    public static int trimSide(String side) {
        return switch (side.toUpperCase(Locale.ROOT)) {
            case "BOTH" -> BOTH;
            case "LEADING" -> LEADING;
            case "TRAILING" -> TRAILING;
            default -> throw SqlErrors.unsupported("unknown TRIM side " + side);
        };
    }

    /** TRIM(side chars FROM s): removes code points found in {@code chars} from the given side(s). */
    public static String trim(int side, String chars, String s) {
        int start = 0;
        int end = s.length();
        if (side != TRAILING) {
            while (start < end) {
                int cp = s.codePointAt(start);
                if (chars.indexOf(cp) < 0) {
                    break;
                }
                start += Character.charCount(cp);
            }
        }
        if (side != LEADING) {
            while (end > start) {
                int cp = s.codePointBefore(end);
                if (chars.indexOf(cp) < 0) {
                    break;
                }
                end -= Character.charCount(cp);
            }
        }
        return s.substring(start, end);
    }

    /**
     * SPLIT_INDEX(s, delimiter, index): the index-th (0-based) piece of {@code s} split on the whole
     * delimiter (empty pieces kept); NULL for a negative or too large index, or an empty {@code s}.
     * An empty delimiter leaves {@code s} in one piece.
     */
    public static String splitIndex(String s, String delimiter, long index) {
        if (index < 0 || s.isEmpty()) {
            return null;
        }
        if (delimiter.isEmpty()) {
            return index == 0 ? s : null;
        }
        int from = 0;
        for (long piece = 0; ; piece++) {
            int at = s.indexOf(delimiter, from);
            if (piece == index) {
                return at < 0 ? s.substring(from) : s.substring(from, at);
            }
            if (at < 0) {
                return null;
            }
            from = at + delimiter.length();
        }
    }

    /** A REGEXP_EXTRACT pattern, or a data error naming it. */
    public static Pattern regex(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw SqlErrors.data("invalid regular expression " + SqlErrors.quote(regex) + ": " + e.getDescription());
        }
    }

    /**
     * REGEXP_EXTRACT(s, regex[, group]): the group of the first match; by default group 0, the whole
     * match (Flink's rule). NULL when nothing matches or the group does not exist.
     */
    public static String regexpExtract(Pattern p, String s, long group) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            return null;
        }
        long g = group == Long.MIN_VALUE ? 0 : group;
        if (g < 0 || g > m.groupCount()) {
            return null;
        }
        return m.group((int) g);
    }

    /** Marker for "no group given" in {@link #regexpExtract}. */
    public static final long DEFAULT_GROUP = Long.MIN_VALUE;
}
