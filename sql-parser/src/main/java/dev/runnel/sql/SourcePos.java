package dev.runnel.sql;

/** A 1-based line and column in the script the user wrote. Immutable. */
public record SourcePos(int line, int column) implements Comparable<SourcePos> {
    public static final SourcePos UNKNOWN = new SourcePos(0, 0);

    @Override
    public int compareTo(SourcePos o) {
        return line != o.line ? Integer.compare(line, o.line) : Integer.compare(column, o.column);
    }

    /** Moves a position that is relative to a fragment starting at {@code origin} into script coordinates. */
    public SourcePos relativeTo(SourcePos origin) {
        return line == 1 ? new SourcePos(origin.line, origin.column + column - 1)
                : new SourcePos(origin.line + line - 1, column);
    }

    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
