package dev.runnel.server;

import java.util.regex.Pattern;

/**
 * A JDBC metadata pattern ({@code %} any run, {@code _} one character, {@code \} escapes), matched
 * case-insensitively because Runnel looks names up that way. A null pattern matches everything.
 * Immutable.
 */
final class LikePattern {
    private static final LikePattern ANY = new LikePattern(null);

    private final Pattern regex;

    private LikePattern(Pattern regex) {
        this.regex = regex;
    }

    static LikePattern of(String pattern) {
        if (pattern == null || pattern.equals("%")) {
            return ANY;
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new LikePattern(Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    boolean matches(String name) {
        return regex == null || (name != null && regex.matcher(name).matches());
    }
}
