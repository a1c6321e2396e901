package dev.runnel.planner.catalog;

/**
 * {@code WATERMARK FOR column AS column - INTERVAL ...}: the event-time column (index into the
 * relation's payload columns) and the allowed delay in milliseconds. Immutable.
 */
public record WatermarkSpec(int column, long delayMillis) {
    public WatermarkSpec {
        if (column < 0 || delayMillis < 0) {
            throw new IllegalArgumentException("bad watermark: column " + column + ", delay " + delayMillis);
        }
    }
}
