package dev.runnel.log;

/** A topic or partition that does not exist was named. */
public class UnknownTopicException extends LogException {
    public UnknownTopicException(String message) {
        super("UNKNOWN_TOPIC_OR_PARTITION", message);
    }

    public UnknownTopicException(String message, Throwable cause) {
        super("UNKNOWN_TOPIC_OR_PARTITION", message, cause);
    }
}
