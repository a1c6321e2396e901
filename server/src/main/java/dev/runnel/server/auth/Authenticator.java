package dev.runnel.server.auth;

/**
 * Decides whether a user name and password (from HTTP BASIC authentication) may use the server.
 * Implementations answer unknown users and wrong passwords alike, in about the same time.
 * Thread-safe.
 */
public interface Authenticator {
    boolean check(String user, String password);

    /** For log lines and the start-up message: {@code users from FILE}, {@code token}. */
    String describe();
}
