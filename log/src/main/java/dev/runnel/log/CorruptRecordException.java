package dev.runnel.log;

/** Stored bytes failed a CRC or structure check. */
public class CorruptRecordException extends LogException {
    public CorruptRecordException(String message) {
        super("CORRUPT_RECORD", message);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super("CORRUPT_RECORD", message, cause);
    }
}
