package dev.runnel.log;

/** A topic name breaks the naming rules (allowed: letters, digits, '.', '_', '-'; not '.' or '..'). */
public class InvalidTopicException extends LogException {
    public InvalidTopicException(String message) {
        super("INVALID_TOPIC", message);
    }

    public InvalidTopicException(String message, Throwable cause) {
        super("INVALID_TOPIC", message, cause);
    }
}
