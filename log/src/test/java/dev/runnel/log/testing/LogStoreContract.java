package dev.runnel.log.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.log.AppendResult;
import dev.runnel.log.ConsumedRecord;
import dev.runnel.log.Consumer;
import dev.runnel.log.ConsumerConfig;
import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.FetchResult;
import dev.runnel.log.Header;
import dev.runnel.log.InvalidConfigException;
import dev.runnel.log.LogStore;
import dev.runnel.log.OffsetOutOfRangeException;
import dev.runnel.log.Partitioner;
import dev.runnel.log.ProducerTag;
import dev.runnel.log.Record;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicExistsException;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.UnknownTopicException;
import dev.runnel.log.record.RecordBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LogStore} does the same way, whatever keeps the bytes: run against the embedded
 * store and the Kafka store by subclasses that say how to open one. Each test uses its own topics
 * and groups, so a store (or cluster) may be shared.
 */
public abstract class LogStoreContract {
    protected final MutableClock clock = new MutableClock(1_000_000);
    protected LogStore store;

    /** A store whose producer time is {@link #clock}. */
    protected abstract LogStore open();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void appendedRecordsReadBackInOrderWithContiguousOffsets() {
        TopicPartition tp = new TopicPartition("events", 0);
        store.createTopic("events", TopicConfig.DEFAULT);
        List<AppendResult> a = store.append(tp, Records.numbered("v", 0, 10));
        List<AppendResult> b = store.append(tp, Records.numbered("v", 10, 5));
        assertThat(a.get(0).firstOffset()).isZero();
        assertThat(b.get(0).firstOffset()).isEqualTo(10);
        assertThat(b.get(b.size() - 1).lastOffset()).isEqualTo(14);
        assertThat(store.logStartOffset(tp)).isZero();
        assertThat(store.logEndOffset(tp)).isEqualTo(15);
        List<ConsumedRecord> all = Records.readAll(store, tp, 0);
        assertThat(all).extracting(ConsumedRecord::offset).containsExactly(
                0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L);
        assertThat(all.get(3).valueString()).isEqualTo("v3");
        assertThat(all.get(3).keyString()).isEqualTo("k3");
        assertThat(all.get(3).timestamp()).isEqualTo(3);
        assertThat(all.get(3).producerTimestamp()).isEqualTo(clock.millis());
        assertThat(Records.values(Records.readAll(store, tp, 12))).containsExactly("v12", "v13", "v14");
    }

    @Test
    void nullKeysTombstonesHeadersAndEventTimesRoundTrip() {
        TopicPartition tp = new TopicPartition("shapes", 0);
        store.createTopic("shapes", TopicConfig.DEFAULT);
        store.append(tp, List.of(Record.of("a", "1"), Record.of(null, "2"), Record.of("c", null),
                new Record("h".getBytes(), "v".getBytes(), 42, List.of(new Header("trace", new byte[] {1, 2}),
                        new Header("nil", null)))));
        List<ConsumedRecord> back = Records.readAll(store, tp, 0);
        assertThat(back).hasSize(4);
        assertThat(back.get(0).timestamp()).isEqualTo(clock.millis());
        assertThat(back.get(1).key()).isNull();
        assertThat(back.get(2).value()).isNull();
        assertThat(back.get(3).headers()).containsExactly(new Header("trace", new byte[] {1, 2}),
                new Header("nil", null));
        assertThat(back.get(3).timestamp()).isEqualTo(42);
        assertThat(back.get(0).headers()).isEmpty();
    }

    @Test
    void keyedRecordsLandWhereKafkaWouldPutThem() {
        store.createTopic("placed", TopicConfig.ofPartitions(6));
        store.send("placed", List.of(Record.of("same", "a"), Record.of("same", "b"), Record.of("other", "c")));
        int p = new Partitioner().partition("same".getBytes(), 6);
        assertThat(Records.values(Records.readAll(store, new TopicPartition("placed", p), 0)))
                .startsWith("a", "b");
        assertThat(store.describeTopic("placed").partitions()).hasSize(6);
        assertThat(store.describeTopic("placed").totalRecordsSpan()).isEqualTo(3);
    }

    @Test
    void aReadAtTheEndIsEmptyAndBeyondItOrOfAnUnknownTopicIsAnError() {
        TopicPartition tp = new TopicPartition("edges", 0);
        store.createTopic("edges", TopicConfig.DEFAULT);
        store.append(tp, Records.numbered("v", 0, 3));
        assertThat(store.read(tp, 3, 1 << 16).isEmpty()).isTrue();
        assertThatThrownBy(() -> store.read(tp, 10, 1 << 16)).isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("valid offsets are 0 (log start offset) to 3");
        assertThatThrownBy(() -> store.read(new TopicPartition("edges", 1), 0, 1 << 16))
                .isInstanceOf(UnknownTopicException.class);
        assertThatThrownBy(() -> store.append(new TopicPartition("no-such-topic", 0), Records.numbered("v", 0, 1)))
                .isInstanceOf(UnknownTopicException.class);
    }

    @Test
    void topicsAreCreatedOnceListedAlteredAndDeleted() {
        store.createTopic("admin-a", TopicConfig.ofPartitions(2).with("cleanup.policy", "compact"));
        assertThatThrownBy(() -> store.createTopic("admin-a", TopicConfig.DEFAULT))
                .isInstanceOf(TopicExistsException.class);
        assertThat(store.listTopics()).contains("admin-a");
        assertThat(store.topicExists("admin-a")).isTrue();
        var d = store.describeTopic("admin-a");
        assertThat(d.partitions()).hasSize(2);
        assertThat(d.config().cleanupPolicy().compacts()).isTrue();
        store.alterTopicConfig("admin-a", Map.of("retention.ms", "5000"));
        assertThat(store.describeTopic("admin-a").config().retentionMs()).isEqualTo(5000);
        assertThatThrownBy(() -> store.alterTopicConfig("admin-a", Map.of("partitions", "4")))
                .isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> store.alterTopicConfig("admin-a", Map.of("no.such", "1")))
                .hasMessageContaining("unknown topic config");
        store.deleteTopic("admin-a");
        assertThat(store.topicExists("admin-a")).isFalse();
        store.createInternalTopicIfAbsent("__internal-x", TopicConfig.DEFAULT);
        store.createInternalTopicIfAbsent("__internal-x", TopicConfig.DEFAULT);
        assertThat(store.listTopics()).contains("__internal-x");
    }

    @Test
    void findsOffsetsByEventTime() {
        TopicPartition tp = new TopicPartition("time", 0);
        store.createTopic("time", TopicConfig.DEFAULT);
        for (int i = 0; i < 50; i++) {
            store.append(tp, List.of(Record.of("k", "v" + i, 1000L + i * 10)));
        }
        assertThat(store.offsetForTimestamp(tp, 0)).hasValue(0);
        assertThat(store.offsetForTimestamp(tp, 1000 + 25 * 10)).hasValue(25);
        assertThat(store.offsetForTimestamp(tp, 1000 + 25 * 10 - 5)).hasValue(25);
        assertThat(store.offsetForTimestamp(tp, 99_999)).isEmpty();
    }

    @Test
    void producerTagsComeBackWithTheirBatches() {
        TopicPartition tp = new TopicPartition("tagged", 0);
        store.createTopic("tagged", TopicConfig.DEFAULT);
        store.append(tp, Records.numbered("plain", 0, 2));
        store.append(tp, Records.numbered("t", 0, 3), new ProducerTag(77, 5, 100));
        List<RecordBatch> batches = new ArrayList<>();
        for (RecordBatch b : store.read(tp, 0, 1 << 20)) {
            batches.add(b);
        }
        assertThat(batches.get(0).producerTag()).isEqualTo(ProducerTag.NONE);
        RecordBatch tagged = batches.stream().filter(b -> !b.producerTag().isNone()).findFirst().orElseThrow();
        assertThat(tagged.baseOffset()).isEqualTo(2);
        assertThat(tagged.producerTag()).isEqualTo(new ProducerTag(77, 5, 100));
        assertThat(tagged.lastOffset()).isEqualTo(4);
    }

    @Test
    void awaitDataWakesWhenDataArrivesAndTimesOutWithout() throws Exception {
        TopicPartition tp = new TopicPartition("tail", 0);
        store.createTopic("tail", TopicConfig.DEFAULT);
        assertThat(store.awaitData(Map.of(tp, 0L), 50)).isFalse();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return store.awaitData(Map.of(tp, 0L), 30_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        store.append(tp, Records.numbered("late", 0, 1));
        assertThat(waiting.get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(store.awaitData(Map.of(tp, 0L), 10_000)).isTrue();
    }

    @Test
    void aConsumerReadsItsPartitionsAndSeeks() {
        TopicPartition p0 = new TopicPartition("consumed", 0);
        TopicPartition p1 = new TopicPartition("consumed", 1);
        store.createTopic("consumed", TopicConfig.ofPartitions(2));
        store.append(p0, Records.numbered("a", 0, 3));
        store.append(p1, Records.numbered("b", 0, 2));
        try (Consumer c = store.consumer(ConsumerConfig.standalone())) {
            c.assign(List.of(p0, p1));
            List<String> got = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (got.size() < 5 && System.currentTimeMillis() < deadline) {
                for (FetchResult f : c.poll(Duration.ofMillis(200))) {
                    got.addAll(Records.values(f.toRecords()));
                }
            }
            assertThat(got).containsExactlyInAnyOrder("a0", "a1", "a2", "b0", "b1");
            assertThat(c.position(p0)).isEqualTo(3);
            c.seek(p0, 1);
            List<String> again = new ArrayList<>();
            while (again.size() < 2 && System.currentTimeMillis() < deadline) {
                for (FetchResult f : c.poll(Duration.ofMillis(200))) {
                    again.addAll(Records.values(f.toRecords()));
                }
            }
            assertThat(again).containsExactly("a1", "a2");
        }
    }

    @Test
    void committedOffsetsAndLagOfAGroup() {
        TopicPartition tp = new TopicPartition("lagging", 0);
        store.createTopic("lagging", TopicConfig.DEFAULT);
        store.append(tp, Records.numbered("v", 0, 10));
        ConsumerGroups groups = store.groups();
        groups.commit("lag-group", null, -1, Map.of(tp, 4L));
        assertThat(groups.committed("lag-group", tp)).hasValue(4);
        assertThat(groups.listGroups()).contains("lag-group");
        ConsumerGroups.GroupDescription d = groups.describe("lag-group");
        assertThat(d.offsets()).containsExactly(new ConsumerGroups.PartitionLag(tp, 4, 10, 6));
        assertThat(d.totalLag()).isEqualTo(6);
        groups.deleteGroup("lag-group");
        assertThat(groups.listGroups()).doesNotContain("lag-group");
    }
}
