package dev.runnel.exec.operator.window;

/**
 * One session window of one session key: its bounds, the indices of its rows in the session row
 * store, and whether its result was emitted. Mutable; owned by {@link SessionWindowState}.
 */
final class Session {
    long start;
    long end;
    int key;
    final long id;
    final IntList rows = new IntList(4);
    boolean fired;

    Session(long start, long end, int key, long id) {
        this.start = start;
        this.end = end;
        this.key = key;
        this.id = id;
    }
}
