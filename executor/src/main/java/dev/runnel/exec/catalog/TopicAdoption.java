package dev.runnel.exec.catalog;

import dev.runnel.log.CleanupPolicy;
import dev.runnel.log.LogStore;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicDescription;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.sql.RunnelSqlException;
import java.util.HashMap;
import java.util.Map;

/**
 * Taking over a topic that exists before its CREATE: one another Kafka client made (and filled), or
 * an empty one a create left behind when it crashed before its catalog event. The topic must have
 * the layout the relation needs, the partition count asked for and the cleanup policy of its kind
 * (a stream deletes, a table or view compacts; {@code compact,delete} with a retention) and the
 * replication asked for, if any; otherwise the CREATE fails with 42S01, saying what was expected and
 * what was found, and changes nothing.
 * An empty topic then gets the relation's settings; one holding records keeps its own (its
 * retention, for example, so adopting never deletes records), and its records are the relation's
 * first rows. Stateless.
 */
final class TopicAdoption {
    private TopicAdoption() {}

    static void adopt(LogStore store, RelationDef relation, String topic, TopicConfig wanted) {
        TopicDescription found = store.describeTopic(topic);
        int partitions = found.partitions().size();
        if (partitions != wanted.partitions()) {
            throw new RunnelSqlException("42S01", "topic '" + topic + "' already exists with " + partitions
                    + " partition" + (partitions == 1 ? "" : "s") + ", expected " + wanted.partitions() + " for "
                    + what(relation) + "; create it WITH (partitions = " + partitions + ") to adopt the topic, or"
                    + " choose another topic (nothing was changed)", null);
        }
        CleanupPolicy policy = found.config().cleanupPolicy();
        if (policy != wanted.cleanupPolicy()) {
            throw new RunnelSqlException("42S01", "topic '" + topic + "' already exists with cleanup.policy '"
                    + policy.configName() + "', expected '" + wanted.cleanupPolicy().configName() + "' for "
                    + what(relation) + " (" + why(relation) + "); choose another topic (nothing was changed)", null);
        }
        int copies = Math.max(1, found.config().replication()); // -1: an embedded topic, one copy
        if (wanted.replication() > 0 && copies != wanted.replication()) {
            throw new RunnelSqlException("42S01", "topic '" + topic + "' already exists with replication " + copies
                    + ", expected " + wanted.replication() + " for " + what(relation) + "; create it WITH (replication = "
                    + copies + ") to adopt the topic, or choose another topic (nothing was changed)", null);
        }
        boolean empty = found.partitions().stream().allMatch(p -> p.logEndOffset() == 0);
        if (empty) {
            Map<String, String> m = new HashMap<>(wanted.toMap());
            m.remove("partitions");
            store.alterTopicConfig(topic, m);
        }
    }

    private static String what(RelationDef r) {
        return switch (r.kind()) {
            case STREAM -> "stream";
            case TABLE -> "table";
            default -> "view";
        } + " '" + r.name() + "'";
    }

    private static String why(RelationDef r) {
        return r.kind() == RelationKind.STREAM ? "a stream keeps every record; compaction would drop older records"
                + " of a key" : "a table keeps the latest record of each key by compaction, and deletes only with a"
                + " retention";
    }
}
