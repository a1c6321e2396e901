package dev.runnel.exec.format;

/**
 * A value that cannot be stored in its column (unparsable text, wrong JSON type, out of range): the
 * row it belongs to is rejected, never the batch. Carries only a short reason and no stack trace,
 * because bad input is data, not a bug, and may be frequent. Immutable.
 */
public final class BadValueException extends Exception {
    public BadValueException(String reason) {
        super(reason, null, false, false);
    }

    /** The reason, for dead-letter entries. */
    public String reason() {
        return getMessage();
    }
}
