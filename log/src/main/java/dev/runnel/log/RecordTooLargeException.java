package dev.runnel.log;

/** A record or batch is larger than the topic's max.record.bytes. */
public class RecordTooLargeException extends LogException {
    public RecordTooLargeException(String message) {
        super("RECORD_TOO_LARGE", message);
    }

    public RecordTooLargeException(String message, Throwable cause) {
        super("RECORD_TOO_LARGE", message, cause);
    }
}
