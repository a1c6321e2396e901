package dev.runnel.log;

/**
 * Base of every error the log reports to its callers. Each carries a stable {@link #code()}
 * (upper-case words, like Kafka's error names) so higher layers can map it to SQLSTATE or a
 * protocol error without parsing messages.
 */
public class LogException extends RuntimeException {
    private final String code;

    public LogException(String code, String message) {
        super(message);
        this.code = code;
    }

    public LogException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
