package dev.runnel.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * One shared secret ({@code bin/runnel server --token}): any user name, with the token as the
 * password. Compared in constant time. Thread-safe.
 */
public final class TokenAuthenticator implements Authenticator {
    /** Tokens shorter than this are refused: they could be guessed over the network. */
    public static final int MIN_LENGTH = 16;
    private final byte[] digest;

    public TokenAuthenticator(String token) {
        if (token == null || token.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the token must have at least " + MIN_LENGTH + " characters");
        }
        this.digest = sha256(token.strip());
    }

    @Override
    public boolean check(String user, String password) {
        return password != null && MessageDigest.isEqual(digest, sha256(password));
    }

    @Override
    public String describe() {
        return "a token";
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
