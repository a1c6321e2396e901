package dev.runnel.log.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.log.OffsetOutOfRangeException;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.log.testing.Records;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time and size retention with an injected clock: whole old segments go, the log start offset moves. */
class RetentionTest {
    private static final TopicPartition TP = new TopicPartition("r", 0);
    private static final long HOUR = 3_600_000;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(10 * HOUR);

    private EmbeddedLogStore open() {
        return EmbeddedLogStore.open(StoreOptions.at(dir).withClock(clock).withoutBackgroundThreads());
    }

    @Test
    void segmentsOlderThanRetentionAreDeletedAndReadsBelowTheStartNameIt() {
        try (EmbeddedLogStore store = open()) {
            store.createTopic("r", TopicConfig.of(Map.of("retention.ms", Long.toString(HOUR),
                    "segment.bytes", "1024", "max.record.bytes", "512")));
            for (int i = 0; i < 40; i++) {
                store.append(TP, Records.numbered("old", i * 5, 5));
            }
            int segmentsBefore = store.partitionLog(TP).segmentCount();
            assertThat(segmentsBefore).isGreaterThan(3);
            assertThat(store.runRetention()).isZero();

            clock.advance(2 * HOUR);
            store.append(TP, Records.numbered("new", 200, 5));
            int deleted = store.runRetention();

            long start = store.logStartOffset(TP);
            assertThat(deleted).isGreaterThanOrEqualTo(segmentsBefore - 1);
            assertThat(start).isPositive();
            assertThat(store.logEndOffset(TP)).isEqualTo(205);
            assertThat(Records.values(Records.readAll(store, TP, start))).contains("new200", "new204");
            assertThatThrownBy(() -> store.read(TP, 0, 1024))
                    .isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("valid offsets are " + start)
                    .hasMessageContaining("deleted by retention")
                    .satisfies(e -> assertThat(((OffsetOutOfRangeException) e).logStartOffset()).isEqualTo(start));
        }
        try (EmbeddedLogStore store = open()) {
            assertThat(store.logStartOffset(TP)).isPositive();
            assertThat(store.logEndOffset(TP)).isEqualTo(205);
        }
    }

    @Test
    void sizeRetentionKeepsThePartitionUnderItsLimit() {
        try (EmbeddedLogStore store = open()) {
            store.createTopic("r", TopicConfig.of(Map.of("retention.bytes", "3000",
                    "segment.bytes", "1024", "max.record.bytes", "512")));
            for (int i = 0; i < 60; i++) {
                store.append(TP, Records.numbered("v", i * 5, 5));
            }
            store.runRetention();
            assertThat(store.partitionLog(TP).sizeInBytes()).isLessThanOrEqualTo(3000 + 1024);
            long start = store.logStartOffset(TP);
            assertThat(Records.readAll(store, TP, start)).hasSize((int) (300 - start));
        }
    }

    @Test
    void theActiveSegmentIsNeverDeletedAndForeverMeansForever() {
        try (EmbeddedLogStore store = open()) {
            store.createTopic("r", TopicConfig.of(Map.of("retention.ms", "-1", "segment.bytes", "1024",
                    "max.record.bytes", "512")));
            for (int i = 0; i < 20; i++) {
                store.append(TP, Records.numbered("v", i * 5, 5));
            }
            clock.advance(1000 * HOUR);
            assertThat(store.runRetention()).isZero();
            store.alterTopicConfig("r", Map.of("retention.ms", "1"));
            store.runRetention();
            assertThat(store.partitionLog(TP).segmentCount()).isEqualTo(1);
            assertThat(store.logEndOffset(TP)).isEqualTo(100);
        }
    }

    @Test
    void segmentsRollByAge() {
        try (EmbeddedLogStore store = open()) {
            store.createTopic("r", TopicConfig.of(Map.of("segment.ms", Long.toString(HOUR))));
            store.append(TP, Records.numbered("v", 0, 1));
            clock.advance(HOUR / 2);
            store.append(TP, Records.numbered("v", 1, 1));
            assertThat(store.partitionLog(TP).segmentCount()).isEqualTo(1);
            clock.advance(HOUR);
            store.append(TP, Records.numbered("v", 2, 1));
            assertThat(store.partitionLog(TP).segmentCount()).isEqualTo(2);
            assertThat(store.partitionLog(TP).activeSegment().baseOffset()).isEqualTo(2);
        }
    }
}
