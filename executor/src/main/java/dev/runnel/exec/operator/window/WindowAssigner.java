package dev.runnel.exec.operator.window;

import dev.runnel.planner.physical.WindowSpec;

/**
 * The windows of an aligned kind (TUMBLE, HOP, CUMULATE) holding an event time: windows are
 * {@code [start, end)}, aligned to the epoch plus the spec's offset, and numbered
 * {@code 0 .. maxWindowsPerRow()-1} per row ({@link #end} gives {@link #NONE} for numbers a row does
 * not have, as CUMULATE windows that end before it). A window is identified by its end: for every
 * aligned kind the end determines the start ({@link #start}). Immutable.
 */
public final class WindowAssigner {
    /** No window for this number. */
    public static final long NONE = Long.MIN_VALUE;

    private final WindowSpec.Kind kind;
    private final long size;
    private final long slide;
    private final long offset;
    private final int perRow;

    public WindowAssigner(WindowSpec spec) {
        this.kind = spec.kind();
        this.size = spec.size();
        this.slide = spec.slide();
        this.offset = spec.offset();
        this.perRow = switch (kind) {
            case TUMBLE -> 1;
            case HOP, CUMULATE -> Math.toIntExact(size / slide);
            case SESSION -> throw new IllegalArgumentException("SESSION windows are not aligned");
        };
    }

    /** The most windows one row belongs to. */
    public int maxWindowsPerRow() {
        return perRow;
    }

    private long align(long ts, long unit) {
        return Math.floorDiv(ts - offset, unit) * unit + offset;
    }

    /** The end of window number {@code j} holding event time {@code ts}, or {@link #NONE}. */
    public long end(long ts, int j) {
        return end(ts, base(ts), j);
    }

    /**
     * The aligned time the ends of {@code ts}'s windows step from: computed once per row, it spares
     * {@link #end(long, long, int)} a division per window.
     */
    public long base(long ts) {
        return switch (kind) {
            case TUMBLE, CUMULATE -> align(ts, size);
            case HOP -> align(ts, slide);
            case SESSION -> NONE;
        };
    }

    /** As {@link #end(long, int)}, given {@code base = base(ts)}. */
    public long end(long ts, long base, int j) {
        return switch (kind) {
            case TUMBLE -> base + size;
            case HOP -> base - j * slide + size; // j = 0 is the latest window
            case CUMULATE -> {
                long e = base + (j + 1) * slide;
                yield e > ts ? e : NONE;
            }
            case SESSION -> NONE;
        };
    }

    /** The start of the window ending at {@code end}. */
    public long start(long end) {
        return kind == WindowSpec.Kind.CUMULATE ? align(end - 1, size) : end - size;
    }
}
