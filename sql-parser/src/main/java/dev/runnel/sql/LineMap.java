package dev.runnel.sql;

import java.util.Arrays;

/**
 * Maps character offsets in a text to 1-based {@link SourcePos line and column}. Lines end at
 * {@code \n}, {@code \r\n} or a lone {@code \r}; columns count UTF-16 chars and a tab is one
 * column. These are Calcite's rules, so a position Calcite reports inside a query body and one
 * computed here agree. Immutable and thread-safe.
 */
final class LineMap {
    private final int[] lineStarts;
    private final int length;

    LineMap(String text) {
        int[] starts = new int[16];
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
            if (lineBreak) {
                if (lines == starts.length) {
                    starts = Arrays.copyOf(starts, lines * 2);
                }
                starts[lines++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, lines);
        this.length = text.length();
    }

    /** The position of the char at {@code offset}; {@code offset == length} is the position just after the text. */
    SourcePos pos(int offset) {
        if (offset < 0 || offset > length) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside 0.." + length);
        }
        int line = Arrays.binarySearch(lineStarts, offset);
        if (line < 0) {
            line = -line - 2;
        }
        return new SourcePos(line + 1, offset - lineStarts[line] + 1);
    }
}
