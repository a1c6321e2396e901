package dev.runnel.log.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.TopicPartition;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StickyAssignorTest {
    private final StickyAssignor assignor = new StickyAssignor();

    private static TopicPartition tp(int p) {
        return new TopicPartition("t", p);
    }

    private static Set<TopicPartition> tps(int... ps) {
        Set<TopicPartition> out = new HashSet<>();
        for (int p : ps) {
            out.add(tp(p));
        }
        return out;
    }

    private static Map<String, Set<String>> subscribed(String... members) {
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        for (String m : members) {
            out.put(m, Set.of("t"));
        }
        return out;
    }

    @Test
    void freshAssignmentDealsPartitionsToTheLeastLoadedMember() {
        Map<String, Set<TopicPartition>> a = assignor.assign(subscribed("a", "b", "c"), Map.of("t", 6), Map.of());
        assertThat(a.get("a")).isEqualTo(tps(0, 3));
        assertThat(a.get("b")).isEqualTo(tps(1, 4));
        assertThat(a.get("c")).isEqualTo(tps(2, 5));
    }

    @Test
    void survivorsKeepTheirPartitionsAndShareTheLeaversOnes() {
        Map<String, Set<TopicPartition>> a = assignor.assign(subscribed("a", "c"), Map.of("t", 6),
                Map.of("a", tps(0, 3), "c", tps(2, 5)));
        assertThat(a.get("a")).isEqualTo(tps(0, 3, 1));
        assertThat(a.get("c")).isEqualTo(tps(2, 5, 4));
    }

    @Test
    void aJoiningMemberTakesOnlyWhatTheQuotaFreesUp() {
        Map<String, Set<TopicPartition>> a = assignor.assign(subscribed("a", "b", "c"), Map.of("t", 6),
                Map.of("a", tps(0, 1, 2), "b", tps(3, 4, 5)));
        assertThat(a.get("a")).isEqualTo(tps(0, 1));
        assertThat(a.get("b")).isEqualTo(tps(3, 4));
        assertThat(a.get("c")).isEqualTo(tps(2, 5));
    }

    @Test
    void onlyPModMMembersKeepTheCeilingSoANewMemberIsNotStarved() {
        Map<String, Set<TopicPartition>> a = assignor.assign(subscribed("a", "b", "c", "d"), Map.of("t", 6),
                Map.of("a", tps(0, 1), "b", tps(2, 3), "c", tps(4, 5)));
        assertThat(a.get("a")).isEqualTo(tps(0, 1));
        assertThat(a.get("b")).isEqualTo(tps(2, 3));
        assertThat(a.get("c")).isEqualTo(tps(4));
        assertThat(a.get("d")).isEqualTo(tps(5));
    }

    @Test
    void partitionsOfUnsubscribedOrMissingTopicsAreNotKept() {
        Map<String, Set<String>> subs = Map.of("a", Set.of("u"), "b", Set.of("t", "u"));
        Map<String, Set<TopicPartition>> a = assignor.assign(subs, Map.of("t", 2, "u", 2),
                Map.of("a", Set.of(tp(0), tp(1), tp(9)), "b", Set.of()));
        // only b may read t; a, which gave up t, picks up u to stay balanced
        assertThat(a.get("a")).containsExactlyInAnyOrder(new TopicPartition("u", 0), new TopicPartition("u", 1));
        assertThat(a.get("b")).containsExactlyInAnyOrder(tp(0), tp(1));
    }

    @Test
    void aPartitionClaimedTwiceInThePreviousAssignmentIsKeptOnce() {
        Map<String, Set<TopicPartition>> a = assignor.assign(subscribed("a", "b"), Map.of("t", 2),
                Map.of("a", tps(0), "b", tps(0)));
        assertThat(a.get("a")).isEqualTo(tps(0));
        assertThat(a.get("b")).isEqualTo(tps(1));
    }

    @Test
    void noMembersMeansNoAssignment() {
        assertThat(assignor.assign(Map.of(), Map.of("t", 3), Map.of())).isEmpty();
    }
}
