package dev.runnel.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, slow password hashes: PBKDF2 with HMAC-SHA256 from the JDK, written as
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt and hash in unpadded Base64). Each hash has its
 * own random 16-byte salt, so equal passwords hash differently. Stateless and thread-safe.
 */
public final class PasswordHash {
    /** The scheme name at the start of every hash this class writes. */
    public static final String SCHEME = "pbkdf2-sha256";
    /** Iterations for new hashes (OWASP's 2023 advice for PBKDF2-HMAC-SHA256 is 600,000; we take 210,000 to keep a log-in near 0.1 s on a small machine). */
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private PasswordHash() {}

    /** A new hash of {@code password} with a fresh salt. */
    public static String hash(char[] password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    static String hash(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] dk = derive(password, salt, iterations);
        return SCHEME + "$" + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(dk);
    }

    /**
     * Whether {@code password} matches {@code stored}; false for a malformed {@code stored}. Takes the
     * full hashing time either way, and compares in constant time.
     */
    public static boolean verify(String stored, char[] password) {
        Parsed p = parse(stored);
        if (p == null) {
            derive(password, new byte[SALT_BYTES], DEFAULT_ITERATIONS); // same work as a real check
            return false;
        }
        return MessageDigest.isEqual(p.hash, derive(password, p.salt, p.iterations));
    }

    /** Whether {@code stored} is a hash this class can check. */
    public static boolean isValid(String stored) {
        return parse(stored) != null;
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {}

    private static Parsed parse(String stored) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return null;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || iterations > 10_000_000 || salt.length < 8 || hash.length != HASH_BITS / 8) {
                return null;
            }
            return new Parsed(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Overwrites a password buffer. */
    public static void wipe(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
