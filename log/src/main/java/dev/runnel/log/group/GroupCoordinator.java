package dev.runnel.log.group;

import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** Consumer-group coordinator (to be implemented: see issue 3). */
public final class GroupCoordinator implements ConsumerGroups {
    public GroupCoordinator(EmbeddedLogStore store, Clock clock) {}

    @Override
    public Membership join(String groupId, String memberId, Set<String> topics, String assignor, long sessionTimeoutMs) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Membership heartbeat(String groupId, String memberId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void leave(String groupId, String memberId) {}

    @Override
    public void commit(String groupId, String memberId, int generation, Map<TopicPartition, Long> offsets) {
        throw new UnsupportedOperationException();
    }

    @Override
    public OptionalLong committed(String groupId, TopicPartition partition) {
        return OptionalLong.empty();
    }

    @Override
    public Set<String> listGroups() {
        return Set.of();
    }

    @Override
    public GroupDescription describe(String groupId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void deleteGroup(String groupId) {}

    @Override
    public void expireMembers() {}
}
