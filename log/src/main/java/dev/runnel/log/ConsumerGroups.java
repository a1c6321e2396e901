package dev.runnel.log;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Consumer-group coordination: members join and leave, partitions of the subscribed topics are
 * assigned among them (range or sticky) and rebalanced, and committed offsets are stored durably in
 * the internal compacted topic {@value #OFFSETS_TOPIC}, so they survive restarts.
 *
 * <p>Thread-safe.
 */
public interface ConsumerGroups {
    String OFFSETS_TOPIC = "__consumer_offsets";

    /** A member's view of its group after a join or heartbeat. */
    record Membership(String groupId, String memberId, int generation, Set<TopicPartition> assignment) {
        public Membership {
            assignment = Set.copyOf(assignment);
        }
    }

    /** One member as {@link #describe} reports it. */
    record MemberInfo(String memberId, Set<String> topics, Set<TopicPartition> assignment, long lastHeartbeat) {}

    /** Committed offset and lag (end offset − committed) of one partition. */
    record PartitionLag(TopicPartition partition, long committedOffset, long logEndOffset, long lag) {}

    /** State of a group: {@code Stable} with members, {@code Empty} with only committed offsets. */
    record GroupDescription(String groupId, String state, int generation, String assignor, List<MemberInfo> members,
            List<PartitionLag> offsets) {
        public long totalLag() {
            return offsets.stream().mapToLong(PartitionLag::lag).sum();
        }
    }

    /**
     * Joins (memberId null = new member) and rebalances the group at once.
     *
     * @param assignor {@code range} or {@code sticky}; all members of a group must use the same one
     * @throws GroupException for an unknown member id, an unknown assignor, or one the other members do not use
     */
    Membership join(String groupId, String memberId, Set<String> topics, String assignor, long sessionTimeoutMs);

    /**
     * Keeps a member alive and returns its current generation and assignment.
     *
     * @throws GroupException if the group does not know the member (it left or its session expired):
     *                        rejoin with a null member id
     */
    Membership heartbeat(String groupId, String memberId);

    /** Removes a member and rebalances the rest. */
    void leave(String groupId, String memberId);

    /**
     * Commits offsets for a group. A member must pass its current generation; a standalone
     * consumer passes memberId null and generation -1 (allowed while the group has no members).
     *
     * @throws GroupException for an unknown member or a stale generation
     */
    void commit(String groupId, String memberId, int generation, Map<TopicPartition, Long> offsets);

    OptionalLong committed(String groupId, TopicPartition partition);

    Set<String> listGroups();

    /** @throws GroupException if the group is unknown */
    GroupDescription describe(String groupId);

    /**
     * Every group that consumes this store's topics, described, in group order: here the groups of
     * {@link #listGroups}; a store on a shared cluster adds other clients' groups with offsets on its topics.
     */
    default List<GroupDescription> describeAll() {
        List<GroupDescription> out = new java.util.ArrayList<>();
        for (String g : listGroups()) {
            try {
                out.add(describe(g));
            } catch (GroupException e) {
                // deleted since it was listed
            }
        }
        return out;
    }

    /** Deletes a group's committed offsets; refused while it has members. */
    void deleteGroup(String groupId);

    /** Removes members whose session timed out (by the store's clock) and rebalances. */
    void expireMembers();
}
