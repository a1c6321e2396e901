package dev.runnel.exec.engine;

import dev.runnel.log.CleanupPolicy;
import dev.runnel.log.LogStore;
import dev.runnel.log.Record;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whose log a Kafka namespace holds: one standalone engine's, or cluster {@code NAME}'s. Recorded in
 * the internal topic {@value #TOPIC} when an engine first opens the namespace, and checked by every
 * engine that opens it after, so two deployments never share one catalog by mistake: a standalone
 * process on a cluster's namespace (it would not follow the shared catalog), or a second cluster on
 * a namespace another cluster uses, is refused with 08001 before it touches anything. A standalone
 * namespace may become a cluster's (the first process started with {@code --cluster} claims it);
 * the first cluster claim in the topic wins a race.
 */
final class DeploymentIdentity {
    static final String TOPIC = "__deployment";
    private static final String STANDALONE = "standalone";

    private DeploymentIdentity() {}

    /** Checks (and records, if first) that this engine may open the namespace; throws 08001 if not. */
    static void claim(LogStore store, String namespace, Optional<String> cluster) {
        store.createInternalTopicIfAbsent(TOPIC, TopicConfig.DEFAULT.withAll(Map.of("partitions", "1",
                "cleanup.policy", CleanupPolicy.COMPACT.configName(), "retention.ms", "-1")));
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        String mine = cluster.map(c -> "cluster " + c).orElse(STANDALONE);
        Optional<String> owner = owner(store, tp);
        if (owner.isEmpty() || owner.get().equals(STANDALONE) && cluster.isPresent()) {
            byte[] claim = mine.getBytes(StandardCharsets.UTF_8); // keyed by itself: compaction keeps every claim
            store.append(tp, List.of(Record.of(claim, claim)));
            owner = owner(store, tp); // a concurrent claim written first wins
        }
        String who = owner.orElse(mine);
        if (who.equals(mine) || who.equals(STANDALONE) && cluster.isEmpty()) {
            return;
        }
        String ns = namespace.isEmpty() ? "(no namespace)" : "'" + namespace + "'";
        String owning = who.substring("cluster ".length());
        throw new RunnelSqlException("08001", cluster.isEmpty()
                ? "the Kafka namespace " + ns + " belongs to cluster " + owning + ": start this process with"
                        + " --cluster " + owning + " (a process outside the cluster would not follow its shared"
                        + " catalog), or give it another --kafka-namespace"
                : "the Kafka namespace " + ns + " already belongs to cluster " + owning + ", not " + cluster.get()
                        + ": two clusters cannot share one namespace; start this one with --cluster " + owning
                        + " to join it, or give it its own namespace", SourcePos.UNKNOWN);
    }

    /**
     * Who owns the namespace: the first cluster claim in the topic, else standalone if an engine
     * recorded that, else nobody yet.
     */
    private static Optional<String> owner(LogStore store, TopicPartition tp) {
        String[] found = {null};
        store.forEachRecord(tp, c -> {
            if (c.isTombstone()) {
                return true;
            }
            String v = new String(c.valueBytes(), StandardCharsets.UTF_8);
            if (v.startsWith("cluster ")) {
                found[0] = v;
                return false; // the first cluster claim wins
            }
            found[0] = STANDALONE; // unless a cluster's claim follows
            return true;
        });
        return Optional.ofNullable(found[0]);
    }
}
