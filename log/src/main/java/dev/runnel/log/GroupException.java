package dev.runnel.log;

/** A consumer-group operation was invalid (unknown member, stale generation, ...). */
public class GroupException extends LogException {
    public GroupException(String message) {
        super("GROUP_ERROR", message);
    }

    public GroupException(String message, Throwable cause) {
        super("GROUP_ERROR", message, cause);
    }
}
