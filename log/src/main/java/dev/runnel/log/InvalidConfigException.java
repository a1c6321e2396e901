package dev.runnel.log;

/** A topic or store configuration value is malformed or out of range. */
public class InvalidConfigException extends LogException {
    public InvalidConfigException(String message) {
        super("INVALID_CONFIG", message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super("INVALID_CONFIG", message, cause);
    }
}
