package dev.runnel.log.embedded;

import dev.runnel.log.StorageException;
import dev.runnel.log.TopicConfig;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The files of a topic directory besides its partitions: {@code topic.properties} (written to a
 * temporary file, forced, then renamed into place, so it is always whole) and the leftovers of an
 * interrupted create ({@code .NAME.creating-*}) or delete ({@code .NAME.deleted-*}), removed on open.
 * Stateless.
 */
final class TopicDirectories {
    private static final System.Logger LOG = System.getLogger(TopicDirectories.class.getName());
    static final String TOPIC_CONFIG = "topic.properties";

    private TopicDirectories() {}

    static void writeConfig(Path topicDir, TopicConfig config) {
        java.util.Properties props = new java.util.Properties();
        props.putAll(config.toMap());
        Path tmp = topicDir.resolve(TOPIC_CONFIG + ".tmp");
        try (var out = Files.newOutputStream(tmp)) {
            props.store(out, "Runnel topic configuration");
        } catch (IOException e) {
            throw new StorageException("cannot write " + tmp + ": " + e.getMessage(), e);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
            Files.move(tmp, topicDir.resolve(TOPIC_CONFIG), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageException("cannot write topic config in " + topicDir + ": " + e.getMessage(), e);
        }
    }

    static TopicConfig readConfig(Path topicDir) {
        java.util.Properties props = new java.util.Properties();
        try (var in = Files.newInputStream(topicDir.resolve(TOPIC_CONFIG))) {
            props.load(in);
        } catch (IOException e) {
            throw new StorageException("cannot read topic config in " + topicDir + ": " + e.getMessage(), e);
        }
        Map<String, String> m = new HashMap<>();
        for (String k : props.stringPropertyNames()) {
            m.put(k, props.getProperty(k));
        }
        return TopicConfig.DEFAULT.withAll(m);
    }

    static void removeLeftovers(Path topicsDir) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(topicsDir, ".*")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.contains(".creating-") || n.contains(".deleted-")) {
                    deleteRecursively(p);
                    LOG.log(System.Logger.Level.INFO, "removed leftover of an interrupted topic create/delete: " + n);
                }
            }
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new StorageException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }
}
