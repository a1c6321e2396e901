package dev.runnel.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.log.testing.Records;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A standalone consumer: positions, seeks, resets, and tailing that wakes on new data. */
class ConsumerTest {
    private static final TopicPartition P0 = new TopicPartition("s", 0);
    private static final TopicPartition P1 = new TopicPartition("s", 1);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_000);
    private EmbeddedLogStore store;

    @BeforeEach
    void setUp() {
        store = EmbeddedLogStore.open(StoreOptions.at(dir).withClock(clock).withoutBackgroundThreads());
        store.createTopic("s", TopicConfig.ofPartitions(2));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static List<String> values(List<FetchResult> fetches) {
        List<String> out = new ArrayList<>();
        for (FetchResult f : fetches) {
            out.addAll(Records.values(f.toRecords()));
        }
        return out;
    }

    @Test
    void pollReadsEveryAssignedPartitionAndAdvancesPositions() {
        store.append(P0, Records.numbered("a", 0, 3));
        store.append(P1, Records.numbered("b", 0, 2));
        try (Consumer c = store.consumer(ConsumerConfig.standalone())) {
            c.assign(List.of(P0, P1));
            assertThat(values(c.poll(Duration.ofMillis(10)))).containsExactlyInAnyOrder("a0", "a1", "a2", "b0", "b1");
            assertThat(c.position(P0)).isEqualTo(3);
            assertThat(c.position(P1)).isEqualTo(2);
            assertThat(c.poll(Duration.ZERO)).isEmpty();
            c.seek(P0, 1);
            assertThat(values(c.poll(Duration.ZERO))).containsExactly("a1", "a2");
        }
    }

    @Test
    void aTailingPollWakesWhenDataArrives() throws Exception {
        try (Consumer c = store.consumer(ConsumerConfig.standalone())) {
            c.assign(List.of(P0));
            CompletableFuture<List<FetchResult>> polled = CompletableFuture.supplyAsync(() -> c.poll(Duration.ofSeconds(30)));
            Thread.sleep(100);
            assertThat(polled).isNotDone();
            store.append(P0, Records.numbered("late", 0, 1));
            assertThat(values(polled.get(10, TimeUnit.SECONDS))).containsExactly("late0");
        }
    }

    @Test
    void seekToTimestampStartsAtTheFirstRecordAtOrAfterIt() {
        store.append(P0, List.of(Record.of("k", "t100", 100), Record.of("k", "t200", 200), Record.of("k", "t300", 300)));
        try (Consumer c = store.consumer(ConsumerConfig.standalone())) {
            c.assign(List.of(P0));
            c.seekToTimestamp(List.of(P0), 150);
            assertThat(values(c.poll(Duration.ZERO))).containsExactly("t200", "t300");
            c.seekToTimestamp(List.of(P0), 1_000);
            assertThat(c.position(P0)).isEqualTo(3);
            c.seekToBeginning(List.of(P0));
            assertThat(c.position(P0)).isZero();
        }
    }

    @Test
    void latestResetStartsAtTheEndAndNoneRefusesToGuess() {
        store.append(P0, Records.numbered("old", 0, 5));
        try (Consumer c = store.consumer(ConsumerConfig.standalone().withOffsetReset(OffsetReset.LATEST))) {
            c.assign(List.of(P0));
            assertThat(c.position(P0)).isEqualTo(5);
            store.append(P0, Records.numbered("new", 0, 1));
            assertThat(values(c.poll(Duration.ZERO))).containsExactly("new0");
        }
        try (Consumer c = store.consumer(ConsumerConfig.standalone().withOffsetReset(OffsetReset.NONE))) {
            assertThatThrownBy(() -> c.assign(List.of(P0))).isInstanceOf(OffsetOutOfRangeException.class);
        }
    }

    @Test
    void aConsumerLeftBehindByRetentionResetsToTheNewStart() {
        store.alterTopicConfig("s", Map.of("segment.bytes", "1024", "retention.ms", "1000"));
        store.append(P0, Records.numbered("v", 0, 5));
        try (Consumer c = store.consumer(ConsumerConfig.standalone())) {
            c.assign(List.of(P0));
            for (int i = 1; i < 30; i++) {
                store.append(P0, Records.numbered("v", i * 5, 5));
            }
            clock.advance(10_000);
            store.append(P0, Records.numbered("fresh", 0, 1));
            assertThat(store.runRetention()).isPositive();
            long start = store.logStartOffset(P0);
            List<String> got = values(c.poll(Duration.ZERO));
            while (c.position(P0) < store.logEndOffset(P0)) {
                got.addAll(values(c.poll(Duration.ZERO)));
            }
            assertThat(got).first().isEqualTo("v" + start);
            assertThat(got).last().isEqualTo("fresh0");
        }
    }
}
