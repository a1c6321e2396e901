package dev.runnel.log.kafka;

import dev.runnel.log.InvalidConfigException;
import dev.runnel.log.TopicConfig;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Translates Runnel's {@link TopicConfig} keys to Kafka topic configs and back. Keys with the same
 * name in both ({@code cleanup.policy}, {@code retention.ms}, {@code retention.bytes},
 * {@code segment.bytes}, {@code segment.ms}, {@code delete.retention.ms}, {@code index.interval.bytes})
 * map one to one; {@code compression} is {@code compression.type}
 * ({@code none} is {@code uncompressed}); {@code max.record.bytes} is
 * {@code max.message.bytes}. {@code fsync} and {@code fsync.interval.ms} have no per-topic meaning on
 * Kafka (durability comes from {@code acks=all} and replication): they are accepted and reported as
 * their defaults. {@code replication} is not a Kafka topic config but the replication factor given
 * at creation (and reported by describe). {@code message.timestamp.type} ({@code CreateTime} or {@code LogAppendTime}) is a
 * Kafka-only key that {@link KafkaLogStore#alterTopicConfig} passes through. Stateless.
 */
final class KafkaTopicConfigs {
    /** Kafka's smallest {@code segment.bytes}. */
    static final int KAFKA_MIN_SEGMENT_BYTES = 1024 * 1024;
    static final String TIMESTAMP_TYPE = "message.timestamp.type";

    private static final Map<String, String> RUNNEL_TO_KAFKA = Map.of(
            "cleanup.policy", "cleanup.policy",
            "retention.ms", "retention.ms",
            "retention.bytes", "retention.bytes",
            "segment.bytes", "segment.bytes",
            "segment.ms", "segment.ms",
            "delete.retention.ms", "delete.retention.ms",
            "index.interval.bytes", "index.interval.bytes",
            "compression", "compression.type",
            "max.record.bytes", "max.message.bytes");
    private static final Set<String> IGNORED = Set.of("fsync", "fsync.interval.ms");
    /** Kafka-only keys passed through as they are. */
    static final Set<String> PASS_THROUGH = Set.of(TIMESTAMP_TYPE);

    private KafkaTopicConfigs() {}

    /** The Kafka configs of a topic to create: every mapped key, checked against Kafka's limits. */
    static Map<String, String> toKafka(TopicConfig config) {
        return toKafka(config.toMap());
    }

    /** Kafka configs for the given Runnel keys (partitions left out); unknown keys are refused. */
    static Map<String, String> toKafka(Map<String, String> runnelKeys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : runnelKeys.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key.equals("partitions") || key.equals("replication") || IGNORED.contains(key)) {
                continue;
            }
            if (PASS_THROUGH.contains(key)) {
                out.put(key, timestampType(value));
                continue;
            }
            String kafkaKey = RUNNEL_TO_KAFKA.get(key);
            if (kafkaKey == null) {
                throw new InvalidConfigException("unknown topic config '" + key + "'; known: "
                        + new java.util.TreeSet<>(TopicConfig.DEFAULT.toMap().keySet()) + " and " + PASS_THROUGH);
            }
            if (key.equals("segment.bytes") && Long.parseLong(value.trim()) < KAFKA_MIN_SEGMENT_BYTES) {
                throw new InvalidConfigException("segment.bytes must be at least " + KAFKA_MIN_SEGMENT_BYTES
                        + " on Kafka, was " + value);
            }
            String v = value.trim();
            if (key.equals("compression")) {
                v = dev.runnel.log.Compression.parse(v) == dev.runnel.log.Compression.NONE ? "uncompressed"
                        : v.toLowerCase(java.util.Locale.ROOT);
            }
            out.put(kafkaKey, v);
        }
        return out;
    }

    /** The Runnel view of a Kafka topic's configs; keys Kafka does not report keep their defaults. */
    static TopicConfig fromKafka(int partitions, Map<String, String> kafka) {
        Map<String, String> m = new HashMap<>(TopicConfig.DEFAULT.toMap());
        m.put("partitions", Integer.toString(partitions));
        for (var e : RUNNEL_TO_KAFKA.entrySet()) {
            String v = kafka.get(e.getValue());
            if (v == null) {
                continue;
            }
            if (e.getKey().equals("compression")) {
                v = switch (v) {
                    case "lz4", "zstd" -> v;
                    default -> "none"; // uncompressed, producer, gzip, snappy: Runnel reads them all
                };
            }
            if (e.getKey().equals("cleanup.policy")) {
                v = v.replace(" ", "").replace("[", "").replace("]", "");
            }
            m.put(e.getKey(), v);
        }
        try {
            return TopicConfig.fromMap(m);
        } catch (InvalidConfigException | NumberFormatException ex) {
            // a topic made by another tool with values outside Runnel's ranges: keep the defaults for those
            Map<String, String> safe = new HashMap<>(TopicConfig.DEFAULT.toMap());
            safe.put("partitions", Integer.toString(partitions));
            safe.put("cleanup.policy", m.get("cleanup.policy"));
            return TopicConfig.fromMap(safe);
        }
    }

    static String timestampType(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("CreateTime")) {
            return "CreateTime";
        }
        if (v.equalsIgnoreCase("LogAppendTime")) {
            return "LogAppendTime";
        }
        throw new InvalidConfigException("message.timestamp.type must be CreateTime or LogAppendTime, was '"
                + value + "'");
    }
}
