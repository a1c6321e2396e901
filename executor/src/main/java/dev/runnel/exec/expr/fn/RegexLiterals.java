package dev.runnel.exec.expr.fn;

/**
 * The literal text every match of a regular expression must contain, found without running it, so
 * that a value lacking it is known not to match from a byte search alone (REGEXP_EXTRACT returns
 * NULL then). Only the plain top level of the pattern is read: a run of ordinary characters outside
 * groups, classes and alternatives, not followed by a quantifier that could drop its last
 * character. Patterns with {@code |} at the top level, inline flags ({@code (?i)}, ...) or
 * {@code \Q} quoting give no literal. Conservative: "" means nothing is required. Stateless.
 */
public final class RegexLiterals {
    private static final String META = "\\^$.|?*+()[]{}";

    private RegexLiterals() {}

    /** The longest literal every match of {@code regex} contains ("" when none is known). */
    public static String required(String regex) {
        if (regex.contains("(?") || regex.contains("\\Q")) {
            return "";
        }
        String best = "";
        StringBuilder run = new StringBuilder();
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (inClass) {
                if (c == '\\') {
                    i++;
                } else if (c == ']') {
                    inClass = false;
                }
                continue;
            }
            if (depth == 0 && META.indexOf(c) < 0) {
                run.append(c);
                continue;
            }
            // a quantifier makes the character before it optional or repeated: drop it from the run
            if (depth == 0 && (c == '?' || c == '*' || c == '{') && run.length() > 0) {
                run.setLength(run.length() - 1);
            }
            if (run.length() > best.length()) {
                best = run.toString();
            }
            run.setLength(0);
            switch (c) {
                case '\\' -> i++; // an escape: not taken as a literal (classes like \d, \w look the same)
                case '[' -> inClass = true;
                case '{' -> {
                    int close = regex.indexOf('}', i);
                    i = close < 0 ? regex.length() : close; // a bound {n,m}: skipped
                }
                case '(' -> depth++;
                case ')' -> depth = Math.max(0, depth - 1);
                case '|' -> {
                    if (depth == 0) {
                        return "";
                    }
                }
                default -> { }
            }
        }
        String found = run.length() > best.length() ? run.toString() : best;
        return found.chars().anyMatch(ch -> Character.isSurrogate((char) ch)) ? "" : found;
    }
}
