package dev.runnel.log;

/** A topic was created under a name already in use. */
public class TopicExistsException extends LogException {
    public TopicExistsException(String message) {
        super("TOPIC_ALREADY_EXISTS", message);
    }

    public TopicExistsException(String message, Throwable cause) {
        super("TOPIC_ALREADY_EXISTS", message, cause);
    }
}
