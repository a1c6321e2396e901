package dev.runnel.log.kafka;

import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.GroupException;
import dev.runnel.log.TopicPartition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * Consumer groups are Kafka's own: committed offsets, lag and membership read and written through
 * {@link Admin}; group ids carry the store's namespace. Membership itself (join, heartbeat, leave)
 * is the Kafka consumer's business ({@link KafkaLogConsumer#subscribe}), so those calls are refused
 * here, and expiry is the group coordinator's. Thread-safe.
 */
final class KafkaConsumerGroups implements ConsumerGroups {
    private final KafkaLogStore store;
    private final Admin admin;
    private final long timeout;

    KafkaConsumerGroups(KafkaLogStore store, Admin admin, KafkaStoreOptions options) {
        this.store = store;
        this.admin = admin;
        this.timeout = options.requestTimeoutMs();
    }

    @Override
    public Membership join(String groupId, String memberId, Set<String> topics, String assignor,
            long sessionTimeoutMs) {
        throw membership();
    }

    @Override
    public Membership heartbeat(String groupId, String memberId) {
        throw membership();
    }

    @Override
    public void leave(String groupId, String memberId) {
        throw membership();
    }

    private static GroupException membership() {
        return new GroupException("on Kafka, group membership goes through a consumer's subscribe (Kafka's group"
                + " protocol), not through the groups API");
    }

    @Override
    public void commit(String groupId, String memberId, int generation, Map<TopicPartition, Long> offsets) {
        if (memberId != null) {
            throw membership();
        }
        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> m = new java.util.HashMap<>();
        offsets.forEach((tp, o) -> m.put(store.kafka(tp), new OffsetAndMetadata(o)));
        KafkaErrors.get(admin.alterConsumerGroupOffsets(store.kafkaGroup(groupId), m).all(), timeout,
                "commit offsets of group '" + groupId + "'");
    }

    @Override
    public OptionalLong committed(String groupId, TopicPartition partition) {
        OffsetAndMetadata o = committedOffsets(groupId).get(store.kafka(partition));
        return o == null ? OptionalLong.empty() : OptionalLong.of(o.offset());
    }

    private Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> committedOffsets(String groupId) {
        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> m = KafkaErrors.get(
                admin.listConsumerGroupOffsets(store.kafkaGroup(groupId)).partitionsToOffsetAndMetadata(), timeout,
                "read the offsets of group '" + groupId + "'");
        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> out = new java.util.HashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public Set<String> listGroups() {
        var listings = KafkaErrors.get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), timeout,
                "list groups");
        String ns = store.kafkaGroup("");
        Set<String> out = new TreeSet<>();
        for (GroupListing g : listings) {
            if (g.groupId().startsWith(ns) && g.groupId().length() > ns.length()) {
                out.add(g.groupId().substring(ns.length()));
            }
        }
        return out;
    }

    @Override
    public GroupDescription describe(String groupId) {
        String kg = store.kafkaGroup(groupId);
        if (!listGroups().contains(groupId)) {
            throw new GroupException("unknown group '" + groupId + "'");
        }
        ConsumerGroupDescription d = KafkaErrors.get(admin.describeConsumerGroups(List.of(kg)).all(), timeout,
                "describe group '" + groupId + "'").get(kg);
        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets = committedOffsets(groupId);
        return description(groupId, d, offsets, store.endOffsets(runnelPartitions(offsets)));
    }

    /**
     * The store's groups (named without the namespace) and, when the store has a namespace, other
     * clients' groups with committed offsets on its topics (named by their Kafka group id): four
     * requests in all (list, offsets of every group, describe, end offsets), whatever the number of groups.
     */
    @Override
    public List<GroupDescription> describeAll() {
        var listings = KafkaErrors.get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), timeout,
                "list groups");
        String ns = store.kafkaGroup("");
        Map<String, ListConsumerGroupOffsetsSpec> specs = new TreeMap<>();
        for (GroupListing g : listings) {
            specs.put(g.groupId(), new ListConsumerGroupOffsetsSpec());
        }
        if (specs.isEmpty()) {
            return List.of();
        }
        Map<String, Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata>> all = KafkaErrors.get(
                admin.listConsumerGroupOffsets(specs).all(), timeout, "read the offsets of the groups");
        Map<String, String> names = new TreeMap<>(); // Kafka group id -> name shown
        Map<String, Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata>> offsets = new TreeMap<>();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String kg : specs.keySet()) {
            Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> o = new java.util.HashMap<>();
            all.getOrDefault(kg, Map.of()).forEach((k, v) -> {
                if (v != null) {
                    o.put(k, v);
                }
            });
            List<TopicPartition> ours = runnelPartitions(o);
            boolean own = kg.startsWith(ns) && kg.length() > ns.length();
            if (own || !ours.isEmpty()) {
                names.put(kg, own ? kg.substring(ns.length()) : kg);
                offsets.put(kg, o);
                partitions.addAll(ours);
            }
        }
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, ConsumerGroupDescription> described = KafkaErrors.get(
                admin.describeConsumerGroups(names.keySet()).all(), timeout, "describe the groups");
        Map<TopicPartition, Long> ends = store.endOffsets(partitions.stream().distinct().toList());
        List<GroupDescription> out = new ArrayList<>();
        names.forEach((kg, name) -> out.add(description(name, described.get(kg), offsets.get(kg), ends)));
        out.sort(Comparator.comparing(GroupDescription::groupId));
        return out;
    }

    /** The partitions of this store's topics among Kafka partitions with offsets. */
    private List<TopicPartition> runnelPartitions(Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> o) {
        List<TopicPartition> tps = new ArrayList<>();
        for (org.apache.kafka.common.TopicPartition k : o.keySet()) {
            String t = store.runnelName(k.topic());
            if (t != null) {
                tps.add(new TopicPartition(t, k.partition()));
            }
        }
        return tps;
    }

    private GroupDescription description(String name, ConsumerGroupDescription d,
            Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets, Map<TopicPartition, Long> ends) {
        List<MemberInfo> members = new ArrayList<>();
        for (MemberDescription m : d == null ? List.<MemberDescription>of() : d.members()) {
            Set<TopicPartition> assigned = new HashSet<>();
            Set<String> topics = new TreeSet<>();
            for (org.apache.kafka.common.TopicPartition k : m.assignment().topicPartitions()) {
                String t = store.runnelName(k.topic());
                if (t != null) {
                    assigned.add(new TopicPartition(t, k.partition()));
                    topics.add(t);
                }
            }
            members.add(new MemberInfo(m.consumerId(), topics, assigned, -1));
        }
        List<PartitionLag> lags = new ArrayList<>();
        offsets.forEach((k, v) -> {
            String t = store.runnelName(k.topic());
            if (t != null) {
                TopicPartition tp = new TopicPartition(t, k.partition());
                long end = ends.getOrDefault(tp, v.offset());
                lags.add(new PartitionLag(tp, v.offset(), end, Math.max(0, end - v.offset())));
            }
        });
        lags.sort(Comparator.comparing((PartitionLag l) -> l.partition().topic())
                .thenComparingInt(l -> l.partition().partition()));
        String state = members.isEmpty() ? "Empty" : "Stable";
        return new GroupDescription(name, state, d == null ? -1 : d.groupEpoch().orElse(-1),
                d == null ? "" : d.partitionAssignor(), members, lags);
    }

    @Override
    public void deleteGroup(String groupId) {
        KafkaErrors.get(admin.deleteConsumerGroups(List.of(store.kafkaGroup(groupId))).all(), timeout,
                "delete group '" + groupId + "'");
    }

    @Override
    public void expireMembers() {
        // the Kafka group coordinator expires members by itself
    }
}
