package dev.runnel.log.group;

import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.GroupException;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.UnknownTopicException;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.group.OffsetRecordFormat.OffsetValue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The embedded store's {@link ConsumerGroups}: keeps members, generations and assignments in memory,
 * rebalances synchronously on every membership change, and keeps committed offsets durable in
 * {@value ConsumerGroups#OFFSETS_TOPIC} (layout in {@link OffsetRecordFormat}), rebuilt by replaying
 * that topic when the coordinator is constructed.
 *
 * <p>Sessions are measured with the injected clock. Besides {@link #expireMembers()}, every join,
 * heartbeat, leave, commit and delete first expires the timed-out members of the group it touches,
 * so expiry does not depend on how often the store's background task runs. Members, generations and
 * assignors are not persisted: after a restart a group holds only its committed offsets.
 *
 * <p>Thread-safe: every public method synchronizes on the coordinator, so joins, rebalances and
 * commits (including a commit's append to the offsets topic) happen one at a time.
 */
public final class GroupCoordinator implements ConsumerGroups {
    private static final System.Logger LOG = System.getLogger(GroupCoordinator.class.getName());

    private final EmbeddedLogStore store;
    private final Clock clock;
    private final OffsetLog offsetLog;
    /** Groups with members or committed offsets; a group holding neither is removed. */
    private final Map<String, ConsumerGroup> groups = new TreeMap<>();
    private long nextMemberNumber = 1;

    /** Rebuilds committed offsets from {@value ConsumerGroups#OFFSETS_TOPIC}, which must exist. */
    public GroupCoordinator(EmbeddedLogStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.offsetLog = new OffsetLog(store);
        for (var e : offsetLog.replay().entrySet()) {
            groups.computeIfAbsent(e.getKey().group(), ConsumerGroup::new).offsets()
                    .put(e.getKey().partition(), e.getValue());
        }
    }

    @Override
    public synchronized Membership join(String groupId, String memberId, Set<String> topics, String assignor,
            long sessionTimeoutMs) {
        requireGroupId(groupId);
        Objects.requireNonNull(topics, "topics");
        PartitionAssignor chosen = PartitionAssignor.named(assignor);
        if (sessionTimeoutMs < 1) {
            throw new GroupException("session timeout must be >= 1 ms, was " + sessionTimeoutMs);
        }
        for (String topic : topics) {
            store.partitionCount(topic); // unknown topic: fail before touching the group
        }
        long now = clock.millis();
        ConsumerGroup group = liveGroup(groupId, now);
        GroupMember existing = group == null || memberId == null ? null : group.member(memberId);
        if (memberId != null && existing == null) {
            throw unknownMember(groupId, memberId);
        }
        if (group != null && group.assignor() != null && group.assignor() != chosen
                && group.members().stream().anyMatch(m -> !m.id().equals(memberId))) {
            throw new GroupException("group '" + groupId + "' uses the " + group.assignorName()
                    + " assignor; a member asking for " + chosen.name()
                    + " cannot join it (all members of a group must use the same assignor)");
        }
        if (group == null) {
            group = new ConsumerGroup(groupId);
            groups.put(groupId, group);
        }
        GroupMember member;
        boolean changed;
        if (existing == null) {
            member = new GroupMember(newMemberId(), topics, sessionTimeoutMs, now);
            group.add(member, chosen);
            changed = true;
        } else {
            member = existing;
            changed = member.update(topics, sessionTimeoutMs) | group.assignor() != chosen;
            group.useAssignor(chosen);
            member.heartbeat(now);
        }
        if (changed) {
            rebalance(group);
        }
        return membership(group, member);
    }

    @Override
    public synchronized Membership heartbeat(String groupId, String memberId) {
        requireGroupId(groupId);
        long now = clock.millis();
        ConsumerGroup group = liveGroup(groupId, now);
        GroupMember member = group == null ? null : group.member(memberId);
        if (member == null) {
            throw unknownMember(groupId, memberId);
        }
        member.heartbeat(now);
        return membership(group, member);
    }

    @Override
    public synchronized void leave(String groupId, String memberId) {
        requireGroupId(groupId);
        ConsumerGroup group = liveGroup(groupId, clock.millis());
        if (group == null || group.member(memberId) == null) {
            throw unknownMember(groupId, memberId);
        }
        group.remove(memberId);
        rebalance(group);
        dropIfDead(group);
    }

    @Override
    public synchronized void commit(String groupId, String memberId, int generation, Map<TopicPartition, Long> offsets) {
        requireGroupId(groupId);
        Objects.requireNonNull(offsets, "offsets");
        long now = clock.millis();
        ConsumerGroup group = liveGroup(groupId, now);
        if (memberId == null) {
            if (generation != -1) {
                throw new GroupException("a commit without a member id (standalone consumer) must pass generation -1, was "
                        + generation);
            }
            if (group != null && group.hasMembers()) {
                throw new GroupException("group '" + groupId + "' has " + group.members().size()
                        + " active member(s); a standalone consumer may commit only while the group has no members");
            }
        } else {
            if (group == null || group.member(memberId) == null) {
                throw unknownMember(groupId, memberId);
            }
            if (generation != group.generation()) {
                throw new GroupException("stale generation " + generation + " for member '" + memberId + "' of group '"
                        + groupId + "': the group rebalanced and is at generation " + group.generation()
                        + "; poll to pick up the new assignment, then commit again");
            }
        }
        Map<TopicPartition, OffsetValue> values = new TreeMap<>();
        for (var e : offsets.entrySet()) {
            TopicPartition tp = e.getKey();
            long offset = e.getValue();
            long end = store.logEndOffset(tp);
            if (offset < 0 || offset > end) {
                throw new GroupException("cannot commit offset " + offset + " for " + tp + " of group '" + groupId
                        + "': it must be between 0 and the log end offset " + end + "; nothing was committed");
            }
            values.put(tp, new OffsetValue(offset, now));
        }
        if (values.isEmpty()) {
            return;
        }
        offsetLog.writeCommits(groupId, values);
        groups.computeIfAbsent(groupId, ConsumerGroup::new).offsets().putAll(values);
    }

    @Override
    public synchronized OptionalLong committed(String groupId, TopicPartition partition) {
        ConsumerGroup group = groups.get(groupId);
        OffsetValue v = group == null ? null : group.offsets().get(partition);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v.offset());
    }

    @Override
    public synchronized Set<String> listGroups() {
        return new TreeSet<>(groups.keySet());
    }

    /** Lag is reported for partitions with a committed offset whose topic still exists. */
    @Override
    public synchronized GroupDescription describe(String groupId) {
        ConsumerGroup group = groups.get(groupId);
        if (group == null) {
            throw new GroupException("consumer group '" + groupId + "' does not exist (no members and no committed offsets)");
        }
        List<MemberInfo> members = group.members().stream().map(GroupMember::info).toList();
        List<PartitionLag> lags = new ArrayList<>();
        for (var e : group.offsets().entrySet()) {
            long end;
            try {
                end = store.logEndOffset(e.getKey());
            } catch (UnknownTopicException gone) {
                continue;
            }
            long committed = e.getValue().offset();
            lags.add(new PartitionLag(e.getKey(), committed, end, end - committed));
        }
        return new GroupDescription(groupId, group.hasMembers() ? "Stable" : "Empty", group.generation(),
                group.assignorName(), members, lags);
    }

    @Override
    public synchronized void deleteGroup(String groupId) {
        requireGroupId(groupId);
        ConsumerGroup group = liveGroup(groupId, clock.millis());
        if (group == null) {
            throw new GroupException("consumer group '" + groupId + "' does not exist");
        }
        if (group.hasMembers()) {
            throw new GroupException("consumer group '" + groupId + "' has " + group.members().size()
                    + " active member(s); it can be deleted only once they have left or expired");
        }
        if (!group.offsets().isEmpty()) {
            offsetLog.writeTombstones(groupId, group.offsets().keySet(), clock.millis());
        }
        groups.remove(groupId);
    }

    @Override
    public synchronized void expireMembers() {
        long now = clock.millis();
        for (ConsumerGroup group : new ArrayList<>(groups.values())) {
            expire(group, now);
        }
    }

    /** The group after expiring its timed-out members; null if it does not exist (any more). */
    private ConsumerGroup liveGroup(String groupId, long now) {
        ConsumerGroup group = groups.get(groupId);
        if (group != null) {
            expire(group, now);
        }
        return groups.get(groupId);
    }

    private void expire(ConsumerGroup group, long now) {
        List<GroupMember> expired = group.expiredMembers(now);
        if (expired.isEmpty()) {
            return;
        }
        for (GroupMember m : expired) {
            LOG.log(System.Logger.Level.INFO, "member '" + m.id() + "' of group '" + group.id()
                    + "' missed its session timeout; removing it and rebalancing");
            group.remove(m.id());
        }
        rebalance(group);
        dropIfDead(group);
    }

    private void rebalance(ConsumerGroup group) {
        group.rebalance(this::partitionCount);
    }

    private int partitionCount(String topic) {
        try {
            return store.partitionCount(topic);
        } catch (UnknownTopicException e) {
            return 0; // deleted since the member subscribed: nothing to assign
        }
    }

    private void dropIfDead(ConsumerGroup group) {
        if (group.isDead()) {
            groups.remove(group.id());
        }
    }

    private String newMemberId() {
        return "member-" + nextMemberNumber++ + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Membership membership(ConsumerGroup group, GroupMember member) {
        return new Membership(group.id(), member.id(), group.generation(), member.assignment());
    }

    private static GroupException unknownMember(String groupId, String memberId) {
        return new GroupException("unknown member '" + memberId + "' of consumer group '" + groupId
                + "': its session expired or it left; rejoin with a null member id");
    }

    private static void requireGroupId(String groupId) {
        if (groupId == null || groupId.isBlank()) {
            throw new GroupException("group id must not be empty");
        }
    }
}
