package dev.runnel.exec.expr.fn;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.arrow.memory.ArrowBuf;

/**
 * A compiled LIKE pattern ({@code %} any run, {@code _} one character, an optional one-character
 * ESCAPE). Patterns without {@code _} match on UTF-8 bytes directly (exact, prefix, suffix and
 * in-order segments; UTF-8 is self-synchronizing, so byte matches fall on character boundaries);
 * others use a regex over the decoded text. Immutable and thread-safe.
 */
public final class LikeMatcher {
    private final Pattern regex;
    /** Literal pieces between {@code %}s when the pattern has no {@code _}; null otherwise. */
    private final byte[][] segments;

    private LikeMatcher(Pattern regex, byte[][] segments) {
        this.regex = regex;
        this.segments = segments;
    }

    /** Compiles {@code pattern}; {@code escape} may be null. Bad escapes are data errors. */
    public static LikeMatcher compile(String pattern, String escape) {
        int esc = -1;
        if (escape != null) {
            if (escape.codePointCount(0, escape.length()) != 1) {
                throw SqlErrors.data("LIKE escape must be one character, not " + SqlErrors.quote(escape));
            }
            esc = escape.codePointAt(0);
        }
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        List<byte[]> segs = new ArrayList<>();
        boolean underscore = false;
        for (int i = 0; i < pattern.length(); ) {
            int cp = pattern.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == esc) {
                if (i >= pattern.length()) {
                    throw SqlErrors.data("LIKE pattern " + SqlErrors.quote(pattern) + " ends with the escape character");
                }
                int next = pattern.codePointAt(i);
                i += Character.charCount(next);
                if (next != '%' && next != '_' && next != esc) {
                    throw SqlErrors.data("invalid escape sequence in LIKE pattern " + SqlErrors.quote(pattern));
                }
                literal.appendCodePoint(next);
            } else if (cp == '%' || cp == '_') {
                re.append(Pattern.quote(literal.toString()));
                if (cp == '%') {
                    segs.add(Utf8.encode(literal.toString()));
                    re.append(".*");
                } else {
                    underscore = true;
                    literal.setLength(0);
                    re.append('.');
                    continue;
                }
                literal.setLength(0);
            } else {
                literal.appendCodePoint(cp);
            }
        }
        re.append(Pattern.quote(literal.toString()));
        segs.add(Utf8.encode(literal.toString()));
        Pattern p = Pattern.compile(re.toString(), Pattern.DOTALL);
        return new LikeMatcher(p, underscore ? null : segs.toArray(new byte[0][]));
    }

    /** Matches decoded text with the regex; the reference the byte paths agree with. */
    public boolean matchesText(String s) {
        return regex.matcher(s).matches();
    }

    public boolean matches(byte[] s) {
        if (segments == null) {
            return matchesText(Utf8.decode(s));
        }
        byte[] first = segments[0];
        if (segments.length == 1) {
            return java.util.Arrays.equals(s, first);
        }
        byte[] last = segments[segments.length - 1];
        if (s.length < first.length + last.length || !Utf8.regionMatches(s, 0, first)
                || !Utf8.regionMatches(s, s.length - last.length, last)) {
            return false;
        }
        int at = first.length;
        int end = s.length - last.length;
        for (int k = 1; k < segments.length - 1; k++) {
            int found = Utf8.indexOf(s, at, end, segments[k]);
            if (found < 0) {
                return false;
            }
            at = found + segments[k].length;
        }
        return true;
    }

    /** Matches {@code data[start..end)} without copying when the pattern allows. */
    public boolean matches(ArrowBuf data, int start, int end) {
        if (segments == null) {
            byte[] b = new byte[end - start];
            data.getBytes(start, b, 0, b.length);
            return matchesText(Utf8.decode(b));
        }
        byte[] first = segments[0];
        if (segments.length == 1) {
            return Utf8.equals(data, start, end, first);
        }
        byte[] last = segments[segments.length - 1];
        if (end - start < first.length + last.length || !Utf8.regionMatches(data, start, end, first)
                || !Utf8.regionMatches(data, end - last.length, end, last)) {
            return false;
        }
        int at = start + first.length;
        int stop = end - last.length;
        for (int k = 1; k < segments.length - 1; k++) {
            int found = Utf8.indexOf(data, at, stop, segments[k]);
            if (found < 0) {
                return false;
            }
            at = found + segments[k].length;
        }
        return true;
    }
}
