package dev.runnel.log;

/** Where a consumer starts when it has no committed offset, or its position fell below the log start. */
public enum OffsetReset {
    EARLIEST,
    LATEST,
    /** Fail with {@link OffsetOutOfRangeException}. */
    NONE
}
