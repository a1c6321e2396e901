package dev.runnel.exec.golden;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff for test failures, in the unified style ({@code -} expected, {@code +} actual, two
 * lines of context, {@code @@ -line +line @@} before each hunk). Longest-common-subsequence over
 * lines: fine for golden files of a few hundred lines. Stateless.
 */
final class TextDiff {
    private static final int CONTEXT = 2;

    private TextDiff() {}

    static String unified(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // edit script: ' ', '-', '+' with the line numbers on each side
        List<char[]> ops = new ArrayList<>();
        List<int[]> at = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                ops.add(new char[] {' '});
                at.add(new int[] {i++, j++});
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                ops.add(new char[] {'+'});
                at.add(new int[] {i, j++});
            } else {
                ops.add(new char[] {'-'});
                at.add(new int[] {i++, j});
            }
        }
        StringBuilder out = new StringBuilder();
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k)[0] == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            int quiet = 0;
            while (end < ops.size() && quiet <= 2 * CONTEXT) {
                quiet = ops.get(end)[0] == ' ' ? quiet + 1 : 0;
                end++;
            }
            end = Math.min(ops.size(), end - Math.max(0, quiet - CONTEXT));
            out.append("@@ -").append(at.get(start)[0] + 1).append(" +").append(at.get(start)[1] + 1).append(" @@\n");
            for (int x = start; x < end; x++) {
                char op = ops.get(x)[0];
                String line = op == '+' ? b[at.get(x)[1]] : a[at.get(x)[0]];
                out.append(op).append(line).append('\n');
            }
            k = end;
        }
        return out.toString();
    }
}
