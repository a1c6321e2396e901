package dev.runnel.exec.golden;

import java.util.ArrayList;
import java.util.List;

/**
 * The fenced code blocks of a Markdown text, in order: the info string after the opening
 * {@code ```} (e.g. {@code sql}, {@code sql-error}, {@code result}), the lines inside, and the line
 * the block's first line of code is on (1-based). Fences may be indented; a block closes at the
 * first line that is only {@code ```}. Stateless.
 */
final class MarkdownBlocks {
    private MarkdownBlocks() {}

    record Block(String info, String text, int firstLine) {}

    static List<Block> of(String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String open = lines[i].strip();
            if (!open.startsWith("```")) {
                continue;
            }
            String info = open.substring(3).strip();
            int indent = lines[i].indexOf('`');
            StringBuilder text = new StringBuilder();
            int j = i + 1;
            while (j < lines.length && !lines[j].strip().equals("```")) {
                String l = lines[j];
                text.append(l, Math.min(indent, leadingSpaces(l)), l.length()).append('\n');
                j++;
            }
            if (j == lines.length) {
                throw new IllegalArgumentException("the code block opened on line " + (i + 1) + " is never closed");
            }
            blocks.add(new Block(info, text.toString(), i + 2));
            i = j;
        }
        return blocks;
    }

    private static int leadingSpaces(String l) {
        int n = 0;
        while (n < l.length() && l.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
