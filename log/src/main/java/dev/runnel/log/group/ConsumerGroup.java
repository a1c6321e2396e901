package dev.runnel.log.group;

import dev.runnel.log.TopicPartition;
import dev.runnel.log.group.OffsetRecordFormat.OffsetValue;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The state of one consumer group: its members, generation, assignor and committed offsets, and the
 * rebalance that recomputes every member's assignment. Mutable; guarded by the
 * {@link GroupCoordinator}'s lock.
 */
final class ConsumerGroup {
    private final String id;
    private final SortedMap<String, GroupMember> members = new TreeMap<>();
    private final SortedMap<TopicPartition, OffsetValue> offsets = new TreeMap<>();
    private int generation;
    /** The assignor the members agreed on; null while the group has no members. */
    private PartitionAssignor assignor;

    ConsumerGroup(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    int generation() {
        return generation;
    }

    /** The assignor's name, or "" while the group has no members (as Kafka reports an empty group's protocol). */
    String assignorName() {
        return assignor == null ? "" : assignor.name();
    }

    PartitionAssignor assignor() {
        return assignor;
    }

    boolean hasMembers() {
        return !members.isEmpty();
    }

    /** Members in id order. */
    Collection<GroupMember> members() {
        return members.values();
    }

    GroupMember member(String memberId) {
        return members.get(memberId);
    }

    void add(GroupMember member, PartitionAssignor chosen) {
        members.put(member.id(), member);
        assignor = chosen;
    }

    void remove(String memberId) {
        members.remove(memberId);
        if (members.isEmpty()) {
            assignor = null;
        }
    }

    void useAssignor(PartitionAssignor chosen) {
        assignor = chosen;
    }

    /** Committed offsets in partition order. */
    SortedMap<TopicPartition, OffsetValue> offsets() {
        return offsets;
    }

    /** True when the group holds nothing worth keeping: no members and no committed offsets. */
    boolean isDead() {
        return members.isEmpty() && offsets.isEmpty();
    }

    /**
     * Starts a new generation and reassigns every member's partitions with the group's assignor.
     *
     * @param partitionCount partitions of a topic (0 for a topic that no longer exists)
     */
    void rebalance(ToIntFunction<String> partitionCount) {
        generation++;
        if (members.isEmpty()) {
            return;
        }
        Map<String, Set<String>> subscriptions = new TreeMap<>();
        Map<String, Set<TopicPartition>> previous = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (GroupMember m : members.values()) {
            subscriptions.put(m.id(), m.topics());
            previous.put(m.id(), m.assignment());
            for (String topic : m.topics()) {
                counts.computeIfAbsent(topic, partitionCount::applyAsInt);
            }
        }
        Map<String, Set<TopicPartition>> next = assignor.assign(subscriptions, counts, previous);
        for (GroupMember m : members.values()) {
            m.assign(next.getOrDefault(m.id(), Set.of()));
        }
    }

    /** Members whose sessions have timed out at {@code now}. */
    List<GroupMember> expiredMembers(long now) {
        return members.values().stream().filter(m -> m.expired(now)).toList();
    }
}
