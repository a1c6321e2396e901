package dev.runnel.log.group;

import dev.runnel.log.ConsumerGroups.MemberInfo;
import dev.runnel.log.TopicPartition;
import java.util.Set;

/**
 * One member of a consumer group as the coordinator tracks it: its subscription, session timeout,
 * last heartbeat and current assignment. Mutable; guarded by the {@link GroupCoordinator}'s lock.
 */
final class GroupMember {
    private final String id;
    private Set<String> topics;
    private long sessionTimeoutMs;
    private long lastHeartbeat;
    private Set<TopicPartition> assignment = Set.of();

    GroupMember(String id, Set<String> topics, long sessionTimeoutMs, long now) {
        this.id = id;
        this.topics = Set.copyOf(topics);
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.lastHeartbeat = now;
    }

    String id() {
        return id;
    }

    Set<String> topics() {
        return topics;
    }

    Set<TopicPartition> assignment() {
        return assignment;
    }

    void assign(Set<TopicPartition> partitions) {
        assignment = Set.copyOf(partitions);
    }

    /** Updates the subscription and timeout; returns whether the subscription changed. */
    boolean update(Set<String> newTopics, long newSessionTimeoutMs) {
        boolean changed = !topics.equals(newTopics);
        topics = Set.copyOf(newTopics);
        sessionTimeoutMs = newSessionTimeoutMs;
        return changed;
    }

    void heartbeat(long now) {
        lastHeartbeat = now;
    }

    /** True once more than the session timeout has passed since the last heartbeat. */
    boolean expired(long now) {
        return now - lastHeartbeat > sessionTimeoutMs;
    }

    MemberInfo info() {
        return new MemberInfo(id, topics, assignment, lastHeartbeat);
    }
}
