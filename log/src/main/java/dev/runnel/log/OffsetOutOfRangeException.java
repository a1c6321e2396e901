package dev.runnel.log;

/**
 * A read asked for an offset outside {@code [logStartOffset, logEndOffset]}. The message and
 * accessors name the valid range, so a consumer can reset to {@link #logStartOffset()}.
 */
public class OffsetOutOfRangeException extends LogException {
    private final long requested;
    private final long logStartOffset;
    private final long logEndOffset;

    public OffsetOutOfRangeException(TopicPartition tp, long requested, long logStartOffset, long logEndOffset) {
        super("OFFSET_OUT_OF_RANGE", "offset " + requested + " is out of range for " + tp
                + ": valid offsets are " + logStartOffset + " (log start offset) to " + logEndOffset
                + " (log end offset)" + (requested < logStartOffset
                        ? "; records below " + logStartOffset + " were deleted by retention" : ""));
        this.requested = requested;
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
    }

    public long requested() {
        return requested;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }
}
