package dev.runnel.exec.catalog;

import dev.runnel.log.CleanupPolicy;
import dev.runnel.log.InvalidConfigException;
import dev.runnel.log.TopicConfig;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.sql.RunnelSqlException;
import java.util.HashMap;
import java.util.Map;

/**
 * The log topic configuration of a relation's topic and its dead-letter topic, from its kind and
 * WITH options:
 * <ul>
 *   <li>{@code partitions} from the storage spec;</li>
 *   <li>streams: {@code cleanup.policy=delete}, {@code retention.ms} from {@code retention}
 *       (default: the log's, 7 days); tables and materialized views: {@code compact}, or
 *       {@code compact,delete} when a {@code retention} is given;</li>
 *   <li>{@code fsync}, {@code compression} and {@code replication} are passed through when given.</li>
 * </ul>
 * Dead-letter topics have one partition, delete cleanup and the relation's retention and replication.
 * Stateless.
 */
public final class TopicSettings {
    private TopicSettings() {}

    public static TopicConfig forRelation(RelationDef r) {
        Map<String, String> m = new HashMap<>();
        m.put("partitions", Integer.toString(r.storage().partitions()));
        boolean keyed = r.kind() != RelationKind.STREAM;
        String retention = option(r, "retention");
        if (keyed) {
            m.put("cleanup.policy", (retention == null ? CleanupPolicy.COMPACT : CleanupPolicy.COMPACT_DELETE).configName());
        } else {
            m.put("cleanup.policy", CleanupPolicy.DELETE.configName());
        }
        if (retention != null) {
            m.put("retention.ms", Long.toString(Durations.parseMillis("retention", retention)));
        }
        passThrough(r, m);
        return build(r, m);
    }

    public static TopicConfig forDeadLetters(RelationDef r) {
        Map<String, String> m = new HashMap<>();
        m.put("partitions", "1");
        m.put("cleanup.policy", CleanupPolicy.DELETE.configName());
        String retention = option(r, "retention");
        if (retention != null) {
            m.put("retention.ms", Long.toString(Durations.parseMillis("retention", retention)));
        }
        String replication = option(r, "replication");
        if (replication != null) {
            m.put("replication", replication.trim());
        }
        return build(r, m);
    }

    /** The dead-letter topic of a relation: the storage spec's, or {@code <topic>.dlq}. */
    public static String deadLetterTopic(RelationDef r) {
        String t = r.storage().deadLetterTopic();
        return t == null || t.isBlank() ? r.storage().topic() + ".dlq" : t;
    }

    private static void passThrough(RelationDef r, Map<String, String> m) {
        for (String key : new String[] {"fsync", "compression", "replication"}) {
            String v = option(r, key);
            if (v != null) {
                m.put(key, v);
            }
        }
    }

    private static TopicConfig build(RelationDef r, Map<String, String> m) {
        try {
            return TopicConfig.DEFAULT.withAll(m);
        } catch (InvalidConfigException e) {
            throw new RunnelSqlException("42000", "invalid storage option of '" + r.name() + "': " + e.getMessage(), null);
        }
    }

    /** A WITH option by case-insensitive name, or null. */
    static String option(RelationDef r, String name) {
        for (var e : r.options().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
