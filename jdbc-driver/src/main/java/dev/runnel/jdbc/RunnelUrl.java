package dev.runnel.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed {@code jdbc:runnel:} URL. Forms:
 *
 * <ul>
 *   <li>{@code jdbc:runnel:mem:} — an in-memory engine private to the connection;
 *   <li>{@code jdbc:runnel:mem:NAME} — an in-memory engine shared, under NAME, by the connections of
 *       this JVM until the last of them closes;
 *   <li>{@code jdbc:runnel:file:DIR} — a durable engine in directory DIR ({@code ~/} is the home
 *       directory), shared by the connections of this JVM;
 *   <li>{@code jdbc:runnel:kafka://host:port[,host:port...]} — an in-process engine whose log (streams,
 *       tables, catalog, internal topics) lives in that Kafka cluster, shared by the connections of this
 *       JVM; properties {@code namespace} (prefix of its topic and group names), {@code dataDir}
 *       (where its local files, checkpoints, go; default a temporary directory) and {@code cluster}
 *       (the engine is one process of that Runnel cluster, sharing its catalog with the others:
 *       {@code jdbc:runnel:kafka://host:port;cluster=NAME});
 *   <li>{@code jdbc:runnel://host:port} — a Runnel server.
 * </ul>
 *
 * Any form may end in {@code ;key=value} pairs, which become connection properties. Immutable.
 */
public record RunnelUrl(Kind kind, String location, Map<String, String> properties) {
    public static final String PREFIX = "jdbc:runnel:";

    /** Where the engine runs. */
    public enum Kind {
        /** In-process, nothing on disk; {@link #location()} is the shared name, empty for a private engine. */
        MEM,
        /** In-process and durable; {@link #location()} is the data directory. */
        FILE,
        /** In-process with the log in Kafka; {@link #location()} is the bootstrap {@code host:port[,host:port...]}. */
        KAFKA,
        /** A server; {@link #location()} is {@code host:port}. */
        REMOTE
    }

    public RunnelUrl {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        properties = Map.copyOf(properties);
    }

    /** Whether {@code url} is meant for this driver (it may still be malformed). */
    public static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** Parses a URL; a malformed one gets an error (SQLSTATE 08001) listing the valid forms. */
    public static RunnelUrl parse(String url) throws SQLException {
        if (!accepts(url)) {
            throw malformed(url);
        }
        String rest = url.substring(PREFIX.length());
        Map<String, String> props = new LinkedHashMap<>();
        int semi = rest.indexOf(';');
        if (semi >= 0) {
            for (String pair : rest.substring(semi + 1).split(";")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new SQLException("bad property '" + pair + "' in " + url + ": expected key=value", "08001");
                }
                props.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            rest = rest.substring(0, semi);
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:")) {
            return new RunnelUrl(Kind.MEM, rest.substring(4), props);
        }
        if (lower.startsWith("file:")) {
            String dir = rest.substring(5);
            if (dir.isBlank()) {
                throw new SQLException("jdbc:runnel:file: needs a directory, e.g. jdbc:runnel:file:./runnel-data", "08001");
            }
            return new RunnelUrl(Kind.FILE, expandHome(dir), props);
        }
        if (lower.startsWith("kafka://")) {
            String bootstrap = rest.substring("kafka://".length());
            if (bootstrap.endsWith("/")) {
                bootstrap = bootstrap.substring(0, bootstrap.length() - 1);
            }
            for (String hp : bootstrap.split(",", -1)) {
                int colon = hp.lastIndexOf(':');
                if (colon <= 0 || colon == hp.length() - 1 || !hp.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                    throw new SQLException("Kafka URL " + url + " needs host:port of a broker, e.g. "
                            + "jdbc:runnel:kafka://127.0.0.1:9092", "08001");
                }
            }
            return new RunnelUrl(Kind.KAFKA, bootstrap, props);
        }
        if (lower.startsWith("//")) {
            String hostPort = rest.substring(2);
            if (hostPort.endsWith("/")) {
                hostPort = hostPort.substring(0, hostPort.length() - 1);
            }
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostPort.length() - 1 || !hostPort.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new SQLException("remote URL " + url + " needs host and port, e.g. jdbc:runnel://localhost:8765", "08001");
            }
            return new RunnelUrl(Kind.REMOTE, hostPort, props);
        }
        throw malformed(url);
    }

    /** The data directory of a {@link Kind#FILE} URL. */
    public Path dataDir() {
        if (kind != Kind.FILE) {
            throw new IllegalStateException(kind + " URL has no data directory");
        }
        return Path.of(location);
    }

    /** The local directory of a {@link Kind#KAFKA} engine (its {@code dataDir} property), or null for a temporary one. */
    public Path kafkaDataDir() {
        String d = properties.get("dataDir");
        return d == null || d.isBlank() ? null : Path.of(expandHome(d));
    }

    /** Whether this is a private in-memory engine that no other connection can reach. */
    public boolean isPrivateMemory() {
        return kind == Kind.MEM && location.isEmpty();
    }

    private static String expandHome(String dir) {
        if (dir.equals("~") || dir.startsWith("~/")) {
            return System.getProperty("user.home") + dir.substring(1);
        }
        return dir;
    }

    private static SQLException malformed(String url) {
        return new SQLException("not a Runnel URL: " + url + " (use jdbc:runnel:mem:, jdbc:runnel:mem:NAME, "
                + "jdbc:runnel:file:DIR, jdbc:runnel:kafka://host:port or jdbc:runnel://host:port)", "08001");
    }
}
