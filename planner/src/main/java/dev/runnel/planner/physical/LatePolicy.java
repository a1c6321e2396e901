package dev.runnel.planner.physical;

import java.util.Objects;

/**
 * What a windowed operator does with a row that arrives after its window fired (the row's
 * {@code _watermark} had reached the window's end):
 * <ul>
 *   <li>{@code DROP} (default): the row is dropped and counted.</li>
 *   <li>{@code UPDATE}: windows stay open {@code allowedLatenessMillis} after firing; a late row
 *       retracts the emitted result and emits the corrected one (rows past that are dropped and counted).</li>
 *   <li>{@code ROUTE}: late rows are appended unchanged to the stream {@code routeTarget}.</li>
 * </ul>
 * Immutable.
 */
public record LatePolicy(Kind kind, long allowedLatenessMillis, String routeTarget) {
    /** Policies. */
    public enum Kind { DROP, UPDATE, ROUTE }

    public static final LatePolicy DROP = new LatePolicy(Kind.DROP, 0, null);

    public LatePolicy {
        Objects.requireNonNull(kind, "kind");
        if (allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("allowed lateness must be >= 0");
        }
        if (kind == Kind.ROUTE && (routeTarget == null || routeTarget.isBlank())) {
            throw new IllegalArgumentException("late = 'route' needs a target stream");
        }
    }
}
