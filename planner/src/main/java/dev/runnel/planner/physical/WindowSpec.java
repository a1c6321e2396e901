package dev.runnel.planner.physical;

import java.util.List;

/**
 * Which windows a row belongs to, by its event time in input column {@code timeColumn} (a time
 * attribute). All durations in milliseconds; windows are {@code [start, end)} and aligned to the
 * epoch plus {@code offset}.
 *
 * <ul>
 *   <li>{@code TUMBLE(size)}: one window per row.</li>
 *   <li>{@code HOP(slide, size)}: {@code size / slide} overlapping windows per row (size a multiple of slide).</li>
 *   <li>{@code CUMULATE(step, size)}: windows {@code [start, start + step*k)} for k = 1..size/step
 *       within each tumbling {@code size} window.</li>
 *   <li>{@code SESSION(gap)}: per {@code partitionKeys} (input columns), rows closer than {@code gap}
 *       share a window that ends {@code gap} after its last row; sessions merge as rows arrive.</li>
 * </ul>
 * Immutable.
 */
public record WindowSpec(Kind kind, int timeColumn, long size, long slide, long gap, long offset,
        List<Integer> partitionKeys) {
    /** Window kinds. */
    public enum Kind { TUMBLE, HOP, CUMULATE, SESSION }

    public WindowSpec {
        partitionKeys = List.copyOf(partitionKeys);
        if (timeColumn < 0) {
            throw new IllegalArgumentException("time column must be >= 0");
        }
        switch (kind) {
            case TUMBLE -> require(size > 0, "TUMBLE size must be positive");
            case HOP, CUMULATE -> require(size > 0 && slide > 0 && size % slide == 0,
                    kind + " size must be a positive multiple of its " + (kind == Kind.HOP ? "slide" : "step"));
            case SESSION -> require(gap > 0, "SESSION gap must be positive");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static WindowSpec tumble(int timeColumn, long size) {
        return new WindowSpec(Kind.TUMBLE, timeColumn, size, 0, 0, 0, List.of());
    }

    public static WindowSpec hop(int timeColumn, long slide, long size) {
        return new WindowSpec(Kind.HOP, timeColumn, size, slide, 0, 0, List.of());
    }

    /** CUMULATE: {@code step} is kept in {@code slide}. */
    public static WindowSpec cumulate(int timeColumn, long step, long size) {
        return new WindowSpec(Kind.CUMULATE, timeColumn, size, step, 0, 0, List.of());
    }

    public static WindowSpec session(int timeColumn, long gap, List<Integer> partitionKeys) {
        return new WindowSpec(Kind.SESSION, timeColumn, 0, 0, gap, 0, partitionKeys);
    }
}
