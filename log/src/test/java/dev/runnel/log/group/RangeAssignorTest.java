package dev.runnel.log.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.TopicPartition;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RangeAssignorTest {
    private final RangeAssignor assignor = new RangeAssignor();

    private static TopicPartition tp(String topic, int p) {
        return new TopicPartition(topic, p);
    }

    @Test
    void splitsEachTopicIntoContiguousRangesOverSortedMembers() {
        Map<String, Set<TopicPartition>> a = assignor.assign(
                Map.of("c", Set.of("t"), "a", Set.of("t"), "b", Set.of("t")), Map.of("t", 6), Map.of());
        assertThat(a).containsOnlyKeys("a", "b", "c");
        assertThat(a.get("a")).containsExactlyInAnyOrder(tp("t", 0), tp("t", 1));
        assertThat(a.get("b")).containsExactlyInAnyOrder(tp("t", 2), tp("t", 3));
        assertThat(a.get("c")).containsExactlyInAnyOrder(tp("t", 4), tp("t", 5));
    }

    @Test
    void firstMembersTakeTheRemainderPerTopic() {
        Map<String, Set<TopicPartition>> a = assignor.assign(
                Map.of("a", Set.of("t", "u"), "b", Set.of("t", "u")), Map.of("t", 3, "u", 3), Map.of());
        // range works per topic, so "a" gets the extra partition of both topics (Kafka does the same)
        assertThat(a.get("a")).containsExactlyInAnyOrder(tp("t", 0), tp("t", 1), tp("u", 0), tp("u", 1));
        assertThat(a.get("b")).containsExactlyInAnyOrder(tp("t", 2), tp("u", 2));
    }

    @Test
    void onlyMembersSubscribedToATopicShareIt() {
        Map<String, Set<TopicPartition>> a = assignor.assign(
                Map.of("a", Set.of("t"), "b", Set.of("t", "u"), "c", Set.of("u")), Map.of("t", 2, "u", 4), Map.of());
        assertThat(a.get("a")).containsExactlyInAnyOrder(tp("t", 0));
        assertThat(a.get("b")).containsExactlyInAnyOrder(tp("t", 1), tp("u", 0), tp("u", 1));
        assertThat(a.get("c")).containsExactlyInAnyOrder(tp("u", 2), tp("u", 3));
    }

    @Test
    void moreMembersThanPartitionsLeavesSomeEmpty() {
        Map<String, Set<TopicPartition>> a = assignor.assign(
                Map.of("a", Set.of("t"), "b", Set.of("t"), "c", Set.of("t")), Map.of("t", 2), Map.of());
        assertThat(a.get("a")).containsExactly(tp("t", 0));
        assertThat(a.get("b")).containsExactly(tp("t", 1));
        assertThat(a.get("c")).isEmpty();
    }

    @Test
    void ignoresThePreviousAssignmentAndMissingTopics() {
        Map<String, Set<TopicPartition>> a = assignor.assign(Map.of("a", Set.of("t", "gone"), "b", Set.of("t")),
                Map.of("t", 2), Map.of("b", Set.of(tp("t", 0), tp("t", 1))));
        assertThat(a.get("a")).containsExactly(tp("t", 0));
        assertThat(a.get("b")).containsExactly(tp("t", 1));
        assertThat(assignor.assign(Map.of(), Map.of("t", 2), Map.of())).isEmpty();
    }
}
