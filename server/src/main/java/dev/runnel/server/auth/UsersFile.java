package dev.runnel.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users file of {@code bin/runnel server --users FILE}: one user a line,
 * {@code NAME:pbkdf2-sha256$ITERATIONS$SALT$HASH} (see {@link PasswordHash}); blank lines and lines
 * starting with {@code #} are ignored. User names are letters, digits, {@code _ . @ -}. Written by
 * {@code bin/runnel server adduser}, readable by the owner only. Stateless.
 */
public final class UsersFile {
    private UsersFile() {}

    /** The users in {@code file}, in file order; a malformed line is an error naming its line number. */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> users = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon);
            String hash = colon < 0 ? "" : line.substring(colon + 1);
            if (!validName(name) || !PasswordHash.isValid(hash)) {
                throw new IOException(file + ", line " + (i + 1) + ": expected NAME:" + PasswordHash.SCHEME
                        + "$ITERATIONS$SALT$HASH (write it with bin/runnel server adduser)");
            }
            users.put(name, hash);
        }
        return users;
    }

    /** Adds {@code name} or replaces its password; creates the file (mode 600 where POSIX) if needed. */
    public static void put(Path file, String name, char[] password) throws IOException {
        if (!validName(name)) {
            throw new IllegalArgumentException("a user name is 1 to 64 letters, digits, '_', '.', '@' or '-': " + name);
        }
        List<String> out = new ArrayList<>();
        boolean replaced = false;
        String entry = name + ":" + PasswordHash.hash(password);
        if (Files.exists(file)) {
            read(file); // refuse to rewrite a file we cannot read
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.strip().startsWith(name + ":")) {
                    out.add(entry);
                    replaced = true;
                } else {
                    out.add(line);
                }
            }
        } else {
            out.add("# Runnel server users: NAME:" + PasswordHash.SCHEME + "$ITERATIONS$SALT$HASH");
        }
        if (!replaced) {
            out.add(entry);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".users", ".tmp");
        try {
            restrict(tmp);
            Files.write(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static boolean validName(String name) {
        return name != null && name.matches("[A-Za-z0-9_.@-]{1,64}");
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions apply
        }
    }
}
