package dev.runnel.sql;

/** Short {@link SourcePos} construction for tests. */
final class Positions {
    private Positions() {}

    static SourcePos pos(int line, int column) {
        return new SourcePos(line, column);
    }
}
