package dev.runnel.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Users and password hashes from a {@link UsersFile}, re-read when the file changes. An unknown
 * user costs the same hashing as a known one. Every HTTP request carries the credentials, so a
 * successful check is remembered (keyed by user and a keyed MAC of the password, never the
 * password itself) for a few minutes; failures are never remembered. Thread-safe.
 */
public final class UsersAuthenticator implements Authenticator {
    private static final long REMEMBER_MILLIS = 5 * 60_000L;
    private static final int REMEMBER_MAX = 1024;
    private static final String NO_USER = PasswordHash.hash("no such user".toCharArray(), PasswordHash.DEFAULT_ITERATIONS);

    private final Path file;
    private final byte[] macKey = new byte[32];
    private final Map<String, Long> remembered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBER_MAX;
        }
    };
    private volatile Map<String, String> users;
    private volatile FileTime loadedAt;

    /** Reads {@code file} now, so a missing or malformed file stops the server from starting. */
    public UsersAuthenticator(Path file) throws IOException {
        this.file = file;
        new SecureRandom().nextBytes(macKey);
        this.users = UsersFile.read(file);
        this.loadedAt = Files.getLastModifiedTime(file);
    }

    /** Number of users in the file. */
    public int size() {
        return users().size();
    }

    @Override
    public boolean check(String user, String password) {
        if (user == null || password == null) {
            return false;
        }
        String stored = users().get(user);
        String key = user + '\0' + (stored == null ? "" : stored) + '\0' + mac(password);
        long now = System.currentTimeMillis();
        if (stored != null) {
            synchronized (remembered) {
                Long until = remembered.get(key);
                if (until != null && until > now) {
                    return true;
                }
            }
        }
        char[] pw = password.toCharArray();
        boolean ok;
        try {
            ok = PasswordHash.verify(stored == null ? NO_USER : stored, pw) && stored != null;
        } finally {
            PasswordHash.wipe(pw);
        }
        if (ok) {
            synchronized (remembered) {
                remembered.put(key, now + REMEMBER_MILLIS);
            }
        }
        return ok;
    }

    @Override
    public String describe() {
        return "users from " + file;
    }

    private Map<String, String> users() {
        try {
            FileTime t = Files.getLastModifiedTime(file);
            if (!t.equals(loadedAt)) {
                synchronized (this) {
                    if (!t.equals(loadedAt)) {
                        users = UsersFile.read(file);
                        loadedAt = t;
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // keep the users we have: a half-written or vanished file must not open or close the door
        }
        return users;
    }

    private String mac(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
