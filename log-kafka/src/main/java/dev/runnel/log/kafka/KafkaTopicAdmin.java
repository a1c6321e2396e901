package dev.runnel.log.kafka;

import dev.runnel.log.StorageException;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicExistsException;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.UnknownTopicException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The admin half of {@link KafkaLogStore}: creating, deleting, describing and altering topics, and
 * offsets, through Kafka's {@link Admin}. A created topic is waited for until every partition has a
 * leader, a deleted one until it is gone, so the next call sees the change. Thread-safe.
 */
final class KafkaTopicAdmin {
    private static final System.Logger LOG = System.getLogger(KafkaTopicAdmin.class.getName());

    private final KafkaLogStore store;
    private final Admin admin;
    private final KafkaStoreOptions options;
    private final long timeout;

    KafkaTopicAdmin(KafkaLogStore store, Admin admin, KafkaStoreOptions options) {
        this.store = store;
        this.admin = admin;
        this.options = options;
        this.timeout = options.requestTimeoutMs();
    }

    /** Asks the cluster for its nodes until it answers, with doubling back-off; fails after the last attempt. */
    static void awaitCluster(Admin admin, KafkaStoreOptions options) {
        long backoff = options.connectBackoffMs();
        Throwable last = null;
        for (int attempt = 1; attempt <= options.connectAttempts(); attempt++) {
            try {
                var nodes = admin.describeCluster(new org.apache.kafka.clients.admin.DescribeClusterOptions()
                        .timeoutMs((int) Math.min(Integer.MAX_VALUE, options.connectTimeoutMs()))).nodes()
                        .get();
                if (!nodes.isEmpty()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while connecting to Kafka at " + options.bootstrap(), e);
            } catch (java.util.concurrent.ExecutionException e) {
                last = e.getCause();
            }
            if (attempt < options.connectAttempts()) {
                LOG.log(System.Logger.Level.WARNING, "Kafka at " + options.bootstrap() + " is not reachable (attempt "
                        + attempt + " of " + options.connectAttempts() + "); retrying in " + backoff + " ms");
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("interrupted while connecting to Kafka at " + options.bootstrap(), e);
                }
                backoff = Math.min(10_000, Math.max(1, backoff * 2));
            }
        }
        throw new StorageException("cannot reach Kafka at " + options.bootstrap() + " after "
                + options.connectAttempts() + " attempt(s)" + (last == null ? "" : ": " + last.getMessage())
                + "; is the broker running and the address right?", last);
    }

    void create(String name, TopicConfig config) {
        Map<String, String> configs = KafkaTopicConfigs.toKafka(config);
        String k = store.kafkaName(name);
        if (kafkaTopics().contains(k)) {
            throw new TopicExistsException("topic '" + name + "' already exists (Kafka topic '" + k + "')");
        }
        int replication = config.replication() > 0 ? config.replication() : options.replication();
        NewTopic t = new NewTopic(k, Optional.of(config.partitions()),
                replication < 0 ? Optional.empty() : Optional.of((short) replication))
                .configs(configs);
        KafkaErrors.get(admin.createTopics(List.of(t)).all(), timeout, "create topic '" + name + "'");
        store.rememberPartitions(name, config.partitions());
        awaitLeaders(name, config.partitions());
    }

    private void awaitLeaders(String name, int partitions) {
        long deadline = System.currentTimeMillis() + timeout;
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(name, p));
        }
        while (true) {
            try {
                offsets(tps, false);
                return;
            } catch (RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                sleep(20);
            }
        }
    }

    void delete(String name) {
        String k = store.kafkaName(name);
        if (!kafkaTopics().contains(k)) {
            throw new UnknownTopicException("unknown topic '" + name + "'");
        }
        KafkaErrors.get(admin.deleteTopics(List.of(k)).all(), timeout, "delete topic '" + name + "'");
        store.forget(name);
        long deadline = System.currentTimeMillis() + timeout;
        while (kafkaTopics().contains(k) && System.currentTimeMillis() < deadline) {
            sleep(20);
        }
    }

    Set<String> kafkaTopics() {
        return KafkaErrors.get(admin.listTopics(new ListTopicsOptions().listInternal(false)).names(), timeout,
                "list topics");
    }

    int partitionCount(String name) {
        String k = store.kafkaName(name);
        Map<String, TopicDescription> d = KafkaErrors.get(admin.describeTopics(List.of(k)).allTopicNames(), timeout,
                "describe topic '" + name + "'");
        return d.get(k).partitions().size();
    }

    dev.runnel.log.TopicDescription describe(String name) {
        String k = store.kafkaName(name);
        Map<String, TopicDescription> d = KafkaErrors.get(admin.describeTopics(List.of(k)).allTopicNames(), timeout,
                "describe topic '" + name + "'");
        int partitions = d.get(k).partitions().size();
        int replication = d.get(k).partitions().isEmpty() ? -1 : d.get(k).partitions().get(0).replicas().size();
        store.rememberPartitions(name, partitions);
        ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, k);
        Map<ConfigResource, Config> cfg = KafkaErrors.get(admin.describeConfigs(List.of(res)).all(), timeout,
                "describe the configs of topic '" + name + "'");
        Map<String, String> kafka = new HashMap<>();
        for (ConfigEntry e : cfg.get(res).entries()) {
            if (e.value() != null) {
                kafka.put(e.name(), e.value());
            }
        }
        TopicConfig config = KafkaTopicConfigs.fromKafka(partitions, kafka).with("replication",
                Integer.toString(replication));
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(name, p));
        }
        Map<TopicPartition, Long> starts = offsets(tps, true);
        Map<TopicPartition, Long> ends = offsets(tps, false);
        Map<Integer, Long> sizes = sizes(k);
        List<dev.runnel.log.TopicDescription.PartitionInfo> infos = new ArrayList<>();
        for (TopicPartition tp : tps) {
            infos.add(new dev.runnel.log.TopicDescription.PartitionInfo(tp.partition(), starts.get(tp), ends.get(tp),
                    sizes.getOrDefault(tp.partition(), 0L), 0));
        }
        return new dev.runnel.log.TopicDescription(name, name.startsWith("__"), config, infos);
    }

    /** Bytes on disk per partition (the largest replica), as the brokers' log directories report them. */
    private Map<Integer, Long> sizes(String kafkaTopic) {
        Map<Integer, Long> out = new HashMap<>();
        try {
            Collection<Integer> brokers = KafkaErrors.get(admin.describeCluster().nodes(), timeout, "list brokers")
                    .stream().map(org.apache.kafka.common.Node::id).toList();
            Map<Integer, Map<String, LogDirDescription>> dirs = KafkaErrors.get(
                    admin.describeLogDirs(brokers).allDescriptions(), timeout, "describe log directories");
            for (Map<String, LogDirDescription> perBroker : dirs.values()) {
                for (LogDirDescription dir : perBroker.values()) {
                    for (var e : dir.replicaInfos().entrySet()) {
                        if (e.getKey().topic().equals(kafkaTopic)) {
                            ReplicaInfo info = e.getValue();
                            out.merge(e.getKey().partition(), info.size(), Math::max);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // sizes are informational: a cluster that refuses DescribeLogDirs reports 0
        }
        return out;
    }

    void alter(String name, Map<String, String> changes) {
        dev.runnel.log.TopicDescription current = describe(name);
        Map<String, String> runnelKeys = new HashMap<>();
        for (var e : changes.entrySet()) {
            if (!KafkaTopicConfigs.PASS_THROUGH.contains(e.getKey())) {
                runnelKeys.put(e.getKey(), e.getValue());
            }
        }
        TopicConfig wanted = current.config().withAll(runnelKeys); // validates keys and ranges first
        String r = runnelKeys.get("replication");
        if (r != null && wanted.replication() > 0 && wanted.replication() != current.config().replication()) {
            throw new dev.runnel.log.InvalidConfigException("the replication of topic '" + name + "' is "
                    + current.config().replication() + " and cannot be changed here (Kafka's partition reassignment"
                    + " does that)");
        }
        Map<String, String> kafka = KafkaTopicConfigs.toKafka(changes);
        if (kafka.isEmpty()) {
            return;
        }
        List<AlterConfigOp> ops = new ArrayList<>();
        kafka.forEach((k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
        ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, store.kafkaName(name));
        KafkaErrors.get(admin.incrementalAlterConfigs(Map.of(res, ops)).all(), timeout,
                "alter the configs of topic '" + name + "'");
    }

    /** Log start ({@code earliest}) or end offsets of partitions, in one request. */
    Map<TopicPartition, Long> offsets(List<TopicPartition> tps, boolean earliest) {
        return offsets(tps, earliest, org.apache.kafka.common.IsolationLevel.READ_COMMITTED);
    }

    /** As {@link #offsets(List, boolean)}, the end offsets as seen at {@code isolation}. */
    Map<TopicPartition, Long> offsets(List<TopicPartition> tps, boolean earliest,
            org.apache.kafka.common.IsolationLevel isolation) {
        Map<org.apache.kafka.common.TopicPartition, OffsetSpec> req = new HashMap<>();
        for (TopicPartition tp : tps) {
            req.put(store.kafka(tp), earliest ? OffsetSpec.earliest() : OffsetSpec.latest());
        }
        Map<org.apache.kafka.common.TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> got = KafkaErrors.get(
                admin.listOffsets(req, new org.apache.kafka.clients.admin.ListOffsetsOptions(isolation)).all(), timeout, (earliest ? "find the start of " : "find the end of ") + tps);
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : tps) {
            out.put(tp, got.get(store.kafka(tp)).offset());
        }
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted", e);
        }
    }
}
