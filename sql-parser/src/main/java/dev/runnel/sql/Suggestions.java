package dev.runnel.sql;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for misspelt keywords and names: the closest candidate by edit distance
 * (insertions, deletions, substitutions and swaps of adjacent letters), compared without case.
 * Stateless and thread-safe.
 */
public final class Suggestions {
    private Suggestions() {}

    /**
     * The candidate closest to {@code word}, if it is close enough to be a likely typo: one edit
     * for words of three or four letters, two for longer ones; none for shorter words, where
     * everything is a likely typo of everything. Ties go to the earlier candidate; a candidate
     * equal to the word (ignoring case) is not a suggestion.
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        if (word.length() < 3) {
            return Optional.empty();
        }
        int limit = word.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(word, candidate);
            if (d > 0 && d <= limit && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal-string-alignment distance between {@code a} and {@code b}, ignoring case. */
    public static int distance(String a, String b) {
        String s = a.toLowerCase(Locale.ROOT);
        String t = b.toLowerCase(Locale.ROOT);
        int[][] d = new int[s.length() + 1][t.length() + 1];
        for (int i = 0; i <= s.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= t.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= s.length(); i++) {
            for (int j = 1; j <= t.length(); j++) {
                int cost = s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && s.charAt(i - 1) == t.charAt(j - 2) && s.charAt(i - 2) == t.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[s.length()][t.length()];
    }
}
