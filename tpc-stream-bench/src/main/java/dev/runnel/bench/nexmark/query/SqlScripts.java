package dev.runnel.bench.nexmark.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a SQL script into statements at {@code ;} outside of {@code '...'} strings,
 * {@code "..."} and {@code `...`} identifiers, {@code --} and {@code /* *}{@code /} comments; drops
 * statements that are only comments. Pure JDK (the Flink side uses it too). Stateless.
 */
public final class SqlScripts {
    private SqlScripts() {}

    public static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = script.length();
        for (int i = 0; i < n; i++) {
            char c = script.charAt(i);
            char next = i + 1 < n ? script.charAt(i + 1) : '\0';
            if (c == '\'' || c == '"' || c == '`') {
                int j = i + 1;
                while (j < n) {
                    if (script.charAt(j) == c) {
                        if (j + 1 < n && script.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                cur.append(script, i, Math.min(j + 1, n));
                i = j;
            } else if (c == '-' && next == '-') {
                int j = script.indexOf('\n', i);
                j = j < 0 ? n : j;
                cur.append(script, i, j);
                i = j - 1;
            } else if (c == '/' && next == '*') {
                int j = script.indexOf("*/", i + 2);
                j = j < 0 ? n : j + 2;
                cur.append(script, i, j);
                i = j - 1;
            } else if (c == ';') {
                add(out, cur);
            } else {
                cur.append(c);
            }
        }
        add(out, cur);
        return out;
    }

    /** Replaces {@code ${name}} by its value. */
    public static String substitute(String sql, Map<String, String> vars) {
        String s = sql;
        for (Map.Entry<String, String> e : vars.entrySet()) {
            s = s.replace("${" + e.getKey() + "}", e.getValue());
        }
        return s;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().trim();
        cur.setLength(0);
        if (!stripComments(s).isBlank()) {
            out.add(s);
        }
    }

    /** The text without leading comment lines (for telling comment-only statements apart). */
    static String stripComments(String s) {
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            if (!line.strip().startsWith("--")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }
}
