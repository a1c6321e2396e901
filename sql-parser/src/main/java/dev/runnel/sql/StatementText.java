package dev.runnel.sql;

import java.util.Objects;

/**
 * One statement cut out of a script by {@link ScriptSplitter}: its text from the first
 * significant character to the last (no leading or trailing whitespace or comments, no
 * terminating {@code ;}), the offset of that first character in the script, and its
 * position. Immutable.
 */
public record StatementText(String text, int offset, SourcePos pos) {
    public StatementText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(pos, "pos");
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " < 0");
        }
    }
}
