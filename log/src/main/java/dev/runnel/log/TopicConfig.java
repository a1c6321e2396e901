package dev.runnel.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-topic configuration, with Kafka's key names where Kafka has one.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><td>{@code partitions}</td><td>number of partitions (fixed at creation)</td></tr>
 *   <tr><td>{@code cleanup.policy}</td><td>{@code delete | compact | compact,delete}</td></tr>
 *   <tr><td>{@code retention.ms}</td><td>delete whole segments whose newest append is older; -1 = forever</td></tr>
 *   <tr><td>{@code retention.bytes}</td><td>delete oldest segments while a partition is larger; -1 = no limit</td></tr>
 *   <tr><td>{@code segment.bytes}, {@code segment.ms}</td><td>roll the active segment at this size or age</td></tr>
 *   <tr><td>{@code fsync}, {@code fsync.interval.ms}</td><td>see {@link FsyncPolicy}</td></tr>
 *   <tr><td>{@code compression}</td><td>{@code none | lz4 | zstd}, applied per batch</td></tr>
 *   <tr><td>{@code delete.retention.ms}</td><td>how long compaction keeps tombstones</td></tr>
 *   <tr><td>{@code max.record.bytes}</td><td>largest accepted record (capped by {@code segment.bytes})</td></tr>
 *   <tr><td>{@code index.interval.bytes}</td><td>bytes of log between two sparse index entries</td></tr>
 *   <tr><td>{@code replication}</td><td>copies of each partition (fixed at creation); -1: the store's default.
 *       The embedded log keeps one copy; on Kafka it is the topic's replication factor</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public record TopicConfig(
        int partitions,
        CleanupPolicy cleanupPolicy,
        long retentionMs,
        long retentionBytes,
        int segmentBytes,
        long segmentMs,
        FsyncPolicy fsync,
        long fsyncIntervalMs,
        Compression compression,
        long deleteRetentionMs,
        int maxRecordBytes,
        int indexIntervalBytes,
        int replication) {

    public static final TopicConfig DEFAULT = new TopicConfig(1, CleanupPolicy.DELETE, 7L * 24 * 3600 * 1000, -1,
            128 * 1024 * 1024, 7L * 24 * 3600 * 1000, FsyncPolicy.EVERY_BATCH, 1000, Compression.NONE,
            24L * 3600 * 1000, 1024 * 1024, 4096, -1);

    public TopicConfig {
        require(partitions >= 1 && partitions <= 10_000, "partitions must be between 1 and 10000, was " + partitions);
        require(retentionMs >= -1, "retention.ms must be -1 or >= 0");
        require(retentionBytes >= -1, "retention.bytes must be -1 or >= 0");
        require(segmentBytes >= 1024, "segment.bytes must be >= 1024, was " + segmentBytes);
        require(segmentMs >= 1, "segment.ms must be >= 1");
        require(fsyncIntervalMs >= 1, "fsync.interval.ms must be >= 1");
        require(deleteRetentionMs >= 0, "delete.retention.ms must be >= 0");
        require(maxRecordBytes >= 64, "max.record.bytes must be >= 64, was " + maxRecordBytes);
        require(indexIntervalBytes >= 1, "index.interval.bytes must be >= 1");
        require(replication == -1 || replication >= 1 && replication <= Short.MAX_VALUE,
                "replication must be -1 (the store's default) or from 1 to " + Short.MAX_VALUE + ", was " + replication);
        java.util.Objects.requireNonNull(cleanupPolicy);
        java.util.Objects.requireNonNull(fsync);
        java.util.Objects.requireNonNull(compression);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidConfigException(message);
        }
    }

    /** The largest record accepted: {@code max.record.bytes}, but never more than fits in a segment. */
    public int effectiveMaxRecordBytes() {
        return Math.min(maxRecordBytes, segmentBytes - 128);
    }

    /** Default config with the given partition count. */
    public static TopicConfig ofPartitions(int partitions) {
        return DEFAULT.with("partitions", Integer.toString(partitions));
    }

    /** Defaults overridden by the given keys; unknown keys are rejected. */
    public static TopicConfig of(Map<String, String> overrides) {
        return DEFAULT.withAll(overrides);
    }

    public TopicConfig with(String key, String value) {
        return withAll(Map.of(key, value));
    }

    public TopicConfig withAll(Map<String, String> overrides) {
        Map<String, String> m = new LinkedHashMap<>(toMap());
        for (var e : overrides.entrySet()) {
            if (!m.containsKey(e.getKey())) {
                throw new InvalidConfigException("unknown topic config '" + e.getKey() + "'; known: " + m.keySet());
            }
            m.put(e.getKey(), e.getValue());
        }
        return fromMap(m);
    }

    /** All keys, rendered as strings; {@link #fromMap} reads them back. */
    public Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        m.put("partitions", Integer.toString(partitions));
        m.put("cleanup.policy", cleanupPolicy.configName());
        m.put("retention.ms", Long.toString(retentionMs));
        m.put("retention.bytes", Long.toString(retentionBytes));
        m.put("segment.bytes", Integer.toString(segmentBytes));
        m.put("segment.ms", Long.toString(segmentMs));
        m.put("fsync", fsync.configName());
        m.put("fsync.interval.ms", Long.toString(fsyncIntervalMs));
        m.put("compression", compression.configName());
        m.put("delete.retention.ms", Long.toString(deleteRetentionMs));
        m.put("max.record.bytes", Integer.toString(maxRecordBytes));
        m.put("index.interval.bytes", Integer.toString(indexIntervalBytes));
        m.put("replication", Integer.toString(replication));
        return m;
    }

    public static TopicConfig fromMap(Map<String, String> m) {
        return new TopicConfig(
                parseInt(m, "partitions"),
                CleanupPolicy.parse(get(m, "cleanup.policy")),
                parseLong(m, "retention.ms"),
                parseLong(m, "retention.bytes"),
                parseInt(m, "segment.bytes"),
                parseLong(m, "segment.ms"),
                FsyncPolicy.parse(get(m, "fsync")),
                parseLong(m, "fsync.interval.ms"),
                Compression.parse(get(m, "compression")),
                parseLong(m, "delete.retention.ms"),
                parseInt(m, "max.record.bytes"),
                parseInt(m, "index.interval.bytes"),
                m.containsKey("replication") ? parseInt(m, "replication") : -1); // absent in topics made before it
    }

    private static String get(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new InvalidConfigException("missing topic config '" + key + "'");
        }
        return v;
    }

    private static long parseLong(Map<String, String> m, String key) {
        String v = get(m, key).trim();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key + " must be a whole number, was '" + v + "'");
        }
    }

    private static int parseInt(Map<String, String> m, String key) {
        long v = parseLong(m, key);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new InvalidConfigException(key + " is out of range: " + v);
        }
        return (int) v;
    }
}
