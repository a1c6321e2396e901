package dev.runnel.exec.operator.window;

import dev.runnel.planner.physical.LatePolicy;

/**
 * When a row is too late for a window, by Flink's rule: a window {@code [start, end)} fires when
 * the operator's watermark reaches {@code end - 1}, and its state is kept until the watermark
 * reaches {@code end - 1 + allowed lateness} (the lateness counts only under {@code late = 'update'};
 * otherwise state goes when the window fires). A row can no longer enter a window once its own
 * {@code _watermark} (its partition's watermark formed by the rows before it) or the operator's
 * watermark has reached that point. The watermarks given here are progress
 * ({@link WindowAggregateOperator#progress}: watermark + 1), so "reached {@code end - 1}" reads
 * {@code progress >= end}. Immutable.
 */
final class Lateness {
    private final long allowed;
    private final boolean updating;

    Lateness(LatePolicy policy) {
        this.updating = policy.kind() == LatePolicy.Kind.UPDATE;
        this.allowed = updating ? policy.allowedLatenessMillis() : 0;
    }

    /** Whether fired windows stay and late rows update them (late = 'update'). */
    boolean updating() {
        return updating;
    }

    /** {@code end} plus the allowed lateness, without overflowing. */
    long cleanupTime(long end) {
        long t = end + allowed;
        return t < end ? Long.MAX_VALUE : t;
    }

    /**
     * Whether a row with {@code _watermark} progress {@code rowWatermark} ({@code hasRowWatermark}
     * false for NULL) can no longer enter the window ending at {@code end} while the operator's
     * progress is {@code watermark}.
     */
    boolean tooLate(long end, boolean hasRowWatermark, long rowWatermark, long watermark) {
        long cleanup = cleanupTime(end);
        return watermark >= cleanup || (hasRowWatermark && rowWatermark >= cleanup);
    }
}
