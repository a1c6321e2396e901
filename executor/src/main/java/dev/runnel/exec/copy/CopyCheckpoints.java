package dev.runnel.exec.copy;

import dev.runnel.log.CleanupPolicy;
import dev.runnel.log.LogStore;
import dev.runnel.log.Record;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Saves and finds {@link CopyCheckpoint}s in the internal compacted topic {@value #TOPIC} (one
 * partition, fsync every batch, kept forever), keyed by target and file. Thread-safe as far as
 * the log is; one COPY per (target, file) at a time.
 */
final class CopyCheckpoints {
    static final String TOPIC = "__copy_progress";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    private final LogStore store;

    CopyCheckpoints(LogStore store) {
        this.store = store;
        store.createInternalTopicIfAbsent(TOPIC, TopicConfig.DEFAULT.withAll(java.util.Map.of(
                "cleanup.policy", CleanupPolicy.COMPACT.configName(), "retention.ms", "-1",
                "fsync", "every-batch", "segment.bytes", Integer.toString(4 * 1024 * 1024))));
    }

    static byte[] key(String target, String path) {
        return (target.toLowerCase(Locale.ROOT) + "\u0000" + path).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The newest checkpoint of this target and file, if any. Reads the topic through (it is
     * compacted now and then) and parses only the newest record of the key: a file loaded again
     * and again (a feed's chunk file, COPY ... WITH (reload = true)) has one record per load.
     */
    Optional<CopyCheckpoint> find(String target, String path) {
        byte[] key = key(target, path);
        byte[][] found = {null};
        store.forEachRecord(TP, c -> {
            if (Arrays.equals(c.keyBytes(), key)) {
                found[0] = c.isTombstone() ? null : c.valueBytes();
            }
            return true;
        });
        return found[0] == null ? Optional.empty() : Optional.of(CopyCheckpoint.fromJson(found[0]));
    }

    /** Appends a checkpoint; returns once it is fsynced. */
    void save(CopyCheckpoint checkpoint) {
        store.append(TP, List.of(Record.of(key(checkpoint.target(), checkpoint.path()), checkpoint.toJson())));
    }
}
