package dev.runnel.log.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.log.ConsumedRecord;
import dev.runnel.log.Consumer;
import dev.runnel.log.ConsumerConfig;
import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.ConsumerGroups.PartitionLag;
import dev.runnel.log.FetchResult;
import dev.runnel.log.GroupException;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.log.testing.Records;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Committing, persisting and describing group offsets: restart, resume, lag, validation. */
class CommittedOffsetsTest {
    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);
    private static final TopicPartition T2 = new TopicPartition("t", 2);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_000_000);

    private EmbeddedLogStore open() {
        return EmbeddedLogStore.open(StoreOptions.at(dir).withClock(clock).withoutBackgroundThreads());
    }

    private static Consumer subscribed(EmbeddedLogStore store, String group) {
        Consumer c = store.consumer(ConsumerConfig.group(group));
        c.subscribe(List.of("t"));
        return c;
    }

    /** Polls until {@code n} records arrived, then checks one more poll brings nothing. */
    private static List<ConsumedRecord> consume(Consumer c, int n) {
        List<ConsumedRecord> out = new ArrayList<>();
        for (int i = 0; i < 100 && out.size() < n; i++) {
            for (FetchResult r : c.poll(Duration.ZERO)) {
                out.addAll(r.toRecords());
            }
        }
        assertThat(c.poll(Duration.ZERO)).isEmpty();
        return out;
    }

    private static List<String> valuesOf(List<ConsumedRecord> records, TopicPartition tp) {
        return records.stream().filter(r -> r.partition().equals(tp)).map(ConsumedRecord::valueString).toList();
    }

    @Test
    void committedOffsetsSurviveARestartAndANewMemberResumesFromThem() {
        try (EmbeddedLogStore store = open()) {
            store.createTopic("t", TopicConfig.ofPartitions(2));
            store.append(T0, Records.numbered("a", 0, 10));
            store.append(T1, Records.numbered("b", 0, 10));
            try (Consumer c = subscribed(store, "g")) {
                assertThat(consume(c, 20)).hasSize(20);
                c.commitSync(Map.of(T0, 2L, T1, 3L)); // superseded by the next commit
                clock.advance(10);
                c.commitSync(Map.of(T0, 4L, T1, 7L));
            }
        }
        try (EmbeddedLogStore store = open()) {
            ConsumerGroups groups = store.groups();
            assertThat(groups.listGroups()).containsExactly("g");
            assertThat(groups.committed("g", T0)).isEqualTo(OptionalLong.of(4));
            assertThat(groups.committed("g", T1)).isEqualTo(OptionalLong.of(7));
            ConsumerGroups.GroupDescription d = groups.describe("g");
            assertThat(d.state()).isEqualTo("Empty");
            assertThat(d.members()).isEmpty();
            assertThat(d.assignor()).isEmpty();

            try (Consumer c = subscribed(store, "g")) {
                List<ConsumedRecord> resumed = consume(c, 9);
                assertThat(valuesOf(resumed, T0)).containsExactly("a4", "a5", "a6", "a7", "a8", "a9");
                assertThat(valuesOf(resumed, T1)).containsExactly("b7", "b8", "b9");
                assertThat(resumed).hasSize(9);
            }
        }
    }

    @Test
    void lagIsExactlyEndMinusCommittedPerPartitionAndInTotal() {
        try (EmbeddedLogStore store = open()) {
            store.createTopic("t", TopicConfig.ofPartitions(3));
            store.append(T0, Records.numbered("x", 0, 10));
            store.append(T1, Records.numbered("x", 0, 20));
            store.append(T2, Records.numbered("x", 0, 30));
            ConsumerGroups groups = store.groups();
            groups.commit("g", null, -1, Map.of(T0, 3L, T1, 20L, T2, 0L));

            ConsumerGroups.GroupDescription d = groups.describe("g");
            assertThat(d.offsets()).containsExactly(
                    new PartitionLag(T0, 3, 10, 7),
                    new PartitionLag(T1, 20, 20, 0),
                    new PartitionLag(T2, 0, 30, 30));
            assertThat(d.totalLag()).isEqualTo(37);

            store.append(T1, Records.numbered("x", 20, 5));
            assertThat(groups.describe("g").offsets().get(1)).isEqualTo(new PartitionLag(T1, 20, 25, 5));
            assertThat(groups.describe("g").totalLag()).isEqualTo(42);

            try (Consumer c = subscribed(store, "g")) {
                assertThat(consume(c, 7 + 5 + 30)).hasSize(42);
                c.commitSync();
                assertThat(groups.describe("g").offsets()).extracting(PartitionLag::lag).containsExactly(0L, 0L, 0L);
                assertThat(groups.describe("g").totalLag()).isZero();
            }
        }
    }

    @Test
    void aCommitFromAStaleGenerationIsRejected() {
        try (EmbeddedLogStore store = open()) {
            store.createTopic("t", TopicConfig.ofPartitions(2));
            try (Consumer a = subscribed(store, "g"); Consumer b = subscribed(store, "g")) {
                // b's join rebalanced the group; a has not polled since, so it commits for an old generation
                assertThatThrownBy(a::commitSync)
                        .isInstanceOf(GroupException.class)
                        .hasMessageContaining("stale generation 1")
                        .hasMessageContaining("generation 2");
                assertThat(store.groups().committed("g", T0)).isEmpty();
                a.poll(Duration.ZERO);
                a.commitSync();
                b.commitSync();
                assertThat(store.groups().committed("g", T0)).isEqualTo(OptionalLong.of(0));
                assertThat(store.groups().committed("g", T1)).isEqualTo(OptionalLong.of(0));
            }
        }
    }

    @Test
    void describingAnUnknownGroupFailsClearly() {
        try (EmbeddedLogStore store = open()) {
            assertThatThrownBy(() -> store.groups().describe("nope"))
                    .isInstanceOf(GroupException.class)
                    .hasMessage("consumer group 'nope' does not exist (no members and no committed offsets)");
            assertThat(store.groups().listGroups()).isEmpty();
        }
    }

    @Test
    void standaloneCommitsAreAllowedOnlyWhileTheGroupHasNoMembers() {
        try (EmbeddedLogStore store = open()) {
            store.createTopic("t", TopicConfig.ofPartitions(1));
            store.append(T0, Records.numbered("x", 0, 5));
            ConsumerGroups groups = store.groups();
            try (Consumer standalone = store.consumer(ConsumerConfig.group("g"))) {
                standalone.assign(List.of(T0));
                standalone.seek(T0, 2);
                standalone.commitSync();
                assertThat(groups.committed("g", T0)).isEqualTo(OptionalLong.of(2));
                try (Consumer member = subscribed(store, "g")) {
                    assertThat(member.position(T0)).as("a new member starts at the committed offset").isEqualTo(2);
                    assertThatThrownBy(standalone::commitSync)
                            .isInstanceOf(GroupException.class)
                            .hasMessageContaining("1 active member(s)");
                }
                standalone.commitSync(Map.of(T0, 5L));
                assertThat(groups.committed("g", T0)).isEqualTo(OptionalLong.of(5));
            }
            assertThatThrownBy(() -> groups.commit("g", null, 3, Map.of(T0, 1L)))
                    .isInstanceOf(GroupException.class)
                    .hasMessageContaining("generation -1");
            assertThatThrownBy(() -> groups.commit("g", null, -1, Map.of(T0, 6L)))
                    .isInstanceOf(GroupException.class)
                    .hasMessageContaining("log end offset 5");
        }
    }

    @Test
    void deletingAGroupIsRefusedWhileItHasMembersAndItsTombstonesSurviveARestart() {
        try (EmbeddedLogStore store = open()) {
            store.createTopic("t", TopicConfig.ofPartitions(2));
            store.append(T0, Records.numbered("x", 0, 3));
            ConsumerGroups groups = store.groups();
            groups.commit("keep", null, -1, Map.of(T0, 1L));
            try (Consumer c = subscribed(store, "g")) {
                c.commitSync(Map.of(T0, 3L, T1, 0L));
                assertThatThrownBy(() -> groups.deleteGroup("g"))
                        .isInstanceOf(GroupException.class)
                        .hasMessageContaining("1 active member(s)");
            }
            assertThat(groups.listGroups()).containsExactly("g", "keep");
            groups.deleteGroup("g");
            assertThat(groups.listGroups()).containsExactly("keep");
            assertThat(groups.committed("g", T0)).isEmpty();
            assertThatThrownBy(() -> groups.deleteGroup("g")).isInstanceOf(GroupException.class);
        }
        try (EmbeddedLogStore store = open()) {
            assertThat(store.groups().listGroups()).containsExactly("keep");
            assertThat(store.groups().committed("g", T0)).isEmpty();
            assertThat(store.groups().committed("keep", T0)).isEqualTo(OptionalLong.of(1));
        }
    }

    @Test
    void aGroupThatOnlyHasMembersIsListedAndDescribed() {
        try (EmbeddedLogStore store = open()) {
            store.createTopic("t", TopicConfig.ofPartitions(2));
            try (Consumer c = subscribed(store, "g")) {
                assertThat(store.groups().listGroups()).containsExactly("g");
                ConsumerGroups.GroupDescription d = store.groups().describe("g");
                assertThat(d.state()).isEqualTo("Stable");
                assertThat(d.offsets()).isEmpty();
                assertThat(d.members()).singleElement()
                        .satisfies(m -> assertThat(m.assignment()).containsExactlyInAnyOrder(T0, T1));
            }
            assertThat(store.groups().listGroups()).isEmpty();
        }
    }

    @Test
    void everyCommitIsARecordInTheCompactedOffsetsTopic() {
        try (EmbeddedLogStore store = open()) {
            store.createTopic("t", TopicConfig.ofPartitions(1));
            store.append(T0, Records.numbered("x", 0, 3));
            store.groups().commit("g", null, -1, Map.of(T0, 2L));
            store.groups().deleteGroup("g");
            TopicPartition offsets = new TopicPartition(ConsumerGroups.OFFSETS_TOPIC, 0);
            List<ConsumedRecord> records = Records.readAll(store, offsets, 0);
            assertThat(records).hasSize(2);
            OffsetRecordFormat.OffsetKey key = new OffsetRecordFormat.OffsetKey("g", T0);
            assertThat(OffsetRecordFormat.decodeKey(records.get(0).key())).isEqualTo(key);
            assertThat(OffsetRecordFormat.decodeValue(records.get(0).value()))
                    .isEqualTo(new OffsetRecordFormat.OffsetValue(2, 1_000_000));
            assertThat(OffsetRecordFormat.decodeKey(records.get(1).key())).isEqualTo(key);
            assertThat(records.get(1).value()).as("tombstone").isNull();
            assertThat(store.describeTopic(ConsumerGroups.OFFSETS_TOPIC).config().cleanupPolicy().compacts()).isTrue();
        }
    }
}
