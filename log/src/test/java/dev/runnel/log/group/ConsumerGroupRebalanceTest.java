package dev.runnel.log.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.log.Consumer;
import dev.runnel.log.ConsumerConfig;
import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.GroupException;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Membership changes (join, leave, session expiry) through real consumers, for both assignors. */
class ConsumerGroupRebalanceTest {
    private static final int PARTITIONS = 6;
    private static final long SESSION_TIMEOUT_MS = 10_000;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_000_000);
    private final List<Consumer> consumers = new ArrayList<>();
    private EmbeddedLogStore store;

    @BeforeEach
    void openStore() {
        store = EmbeddedLogStore.open(StoreOptions.at(dir).withClock(clock).withoutBackgroundThreads());
        store.createTopic("t", TopicConfig.ofPartitions(PARTITIONS));
    }

    @AfterEach
    void closeStore() {
        consumers.forEach(Consumer::close);
        store.close();
    }

    private Consumer member(String assignor) {
        Consumer c = store.consumer(ConsumerConfig.group("g").withAssignor(assignor)
                .withSessionTimeoutMs(SESSION_TIMEOUT_MS));
        consumers.add(c);
        c.subscribe(List.of("t"));
        return c;
    }

    /** One poll each: heartbeats, so every consumer follows the latest rebalance. */
    private static void pollAll(Consumer... cs) {
        for (Consumer c : cs) {
            c.poll(Duration.ZERO);
        }
    }

    private static Set<TopicPartition> allPartitions() {
        Set<TopicPartition> all = new HashSet<>();
        IntStream.range(0, PARTITIONS).forEach(p -> all.add(new TopicPartition("t", p)));
        return all;
    }

    private static void assertDisjointAndComplete(Consumer... cs) {
        List<TopicPartition> owned = new ArrayList<>();
        for (Consumer c : cs) {
            owned.addAll(c.assignment());
        }
        assertThat(owned).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(allPartitions());
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "sticky"})
    void threeMembersShareSixPartitionsTwoEach(String assignor) {
        Consumer a = member(assignor);
        Consumer b = member(assignor);
        Consumer c = member(assignor);
        pollAll(a, b, c);

        assertDisjointAndComplete(a, b, c);
        assertThat(List.of(a, b, c)).allSatisfy(x -> assertThat(x.assignment()).hasSize(2));
        ConsumerGroups.GroupDescription d = store.groups().describe("g");
        assertThat(d.state()).isEqualTo("Stable");
        assertThat(d.assignor()).isEqualTo(assignor);
        assertThat(d.generation()).isEqualTo(3);
        assertThat(d.members()).extracting(ConsumerGroups.MemberInfo::assignment)
                .containsExactlyInAnyOrder(a.assignment(), b.assignment(), c.assignment());
        assertThat(d.members()).allSatisfy(m -> {
            assertThat(m.memberId()).matches("member-\\d+-[0-9a-f]{8}");
            assertThat(m.topics()).containsExactly("t");
            assertThat(m.lastHeartbeat()).isEqualTo(1_000_000);
        });
    }

    @Test
    void aMemberSeesItsNewAssignmentOnItsNextPoll() {
        Consumer a = member("sticky");
        assertThat(a.assignment()).hasSize(6);
        Consumer b = member("sticky");
        assertThat(a.assignment()).as("before heartbeating, a still holds the old generation's view").hasSize(6);
        assertThat(b.assignment()).hasSize(3);
        a.poll(Duration.ZERO);
        assertThat(a.assignment()).hasSize(3);
        assertDisjointAndComplete(a, b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "sticky"})
    void aLeavingMembersPartitionsMoveToTheOthers(String assignor) {
        Consumer a = member(assignor);
        Consumer b = member(assignor);
        Consumer c = member(assignor);
        pollAll(a, b, c);
        Set<TopicPartition> hadA = a.assignment();
        Set<TopicPartition> hadB = b.assignment();
        Set<TopicPartition> hadC = c.assignment();

        b.close();
        pollAll(a, c);

        assertDisjointAndComplete(a, c);
        assertThat(a.assignment()).hasSize(3);
        assertThat(c.assignment()).hasSize(3);
        Set<TopicPartition> survivors = new HashSet<>(a.assignment());
        survivors.addAll(c.assignment());
        assertThat(survivors).containsAll(hadB);
        assertThat(store.groups().describe("g").members()).hasSize(2);
        if (assignor.equals("sticky")) {
            assertThat(a.assignment()).containsAll(hadA);
            assertThat(c.assignment()).containsAll(hadC);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "sticky"})
    void aMemberThatStopsPollingPastItsSessionTimeoutLosesItsPartitions(String assignor) {
        Consumer a = member(assignor);
        Consumer b = member(assignor);
        Consumer c = member(assignor);
        pollAll(a, b, c);
        Set<TopicPartition> hadC = c.assignment();
        int generation = store.groups().describe("g").generation();

        clock.advance(SESSION_TIMEOUT_MS / 2 + 1);
        pollAll(a, b); // c has stopped polling
        store.groups().expireMembers();
        assertThat(store.groups().describe("g").members()).as("nobody timed out yet").hasSize(3);
        clock.advance(SESSION_TIMEOUT_MS / 2 + 1);
        store.groups().expireMembers();
        pollAll(a, b);

        assertDisjointAndComplete(a, b);
        Set<TopicPartition> survivors = new HashSet<>(a.assignment());
        survivors.addAll(b.assignment());
        assertThat(survivors).containsAll(hadC);
        ConsumerGroups.GroupDescription d = store.groups().describe("g");
        assertThat(d.members()).hasSize(2);
        assertThat(d.generation()).isEqualTo(generation + 1);

        c.poll(Duration.ZERO); // the expired consumer notices and rejoins as a new member
        pollAll(a, b);
        assertDisjointAndComplete(a, b, c);
        assertThat(c.assignment()).hasSize(2);
        assertThat(store.groups().describe("g").members()).hasSize(3);
    }

    @Test
    void anExpiredMembersHeartbeatAndCommitAreRejectedClearly() {
        ConsumerGroups groups = store.groups();
        ConsumerGroups.Membership m = groups.join("g", null, Set.of("t"), "range", 1_000);
        assertThat(m.memberId()).matches("member-\\d+-[0-9a-f]{8}");
        assertThat(m.generation()).isEqualTo(1);
        assertThat(m.assignment()).hasSize(PARTITIONS);

        clock.advance(1_001); // no expireMembers(): the next operation on the group notices the timeout
        assertThatThrownBy(() -> groups.heartbeat("g", m.memberId()))
                .isInstanceOf(GroupException.class)
                .hasMessageContaining("unknown member '" + m.memberId() + "'")
                .hasMessageContaining("session expired");
        assertThatThrownBy(() -> groups.commit("g", m.memberId(), m.generation(), java.util.Map.of()))
                .isInstanceOf(GroupException.class)
                .hasMessageContaining("unknown member");
        assertThatThrownBy(() -> groups.join("g", m.memberId(), Set.of("t"), "range", 1_000))
                .isInstanceOf(GroupException.class)
                .hasMessageContaining("unknown member");
        assertThat(groups.listGroups()).as("a group with no members and no offsets is gone").doesNotContain("g");
    }

    @Test
    void allMembersMustAgreeOnTheAssignor() {
        member("range");
        assertThatThrownBy(() -> member("sticky"))
                .isInstanceOf(GroupException.class)
                .hasMessageContaining("uses the range assignor");
    }

    @Test
    void anEmptyGroupCanSwitchAssignor() {
        member("range").close();
        Consumer s = member("sticky");
        assertThat(s.assignment()).hasSize(PARTITIONS);
        assertThat(store.groups().describe("g").assignor()).isEqualTo("sticky");
    }
}
