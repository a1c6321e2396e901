package dev.runnel.shell.script;

/**
 * One statement of a script: its text (from its first character to its {@code ;}, comments inside
 * kept) and where it starts in the script (1-based line and column). Immutable.
 */
public record ScriptStatement(String text, int line, int column) {

    /**
     * The text preceded by as many newlines and spaces as put its first character at
     * {@link #line()}, {@link #column()}: what to send to the engine so that the positions in its
     * error messages are positions in the script.
     */
    public String positioned() {
        return "\n".repeat(line - 1) + " ".repeat(column - 1) + text;
    }
}
