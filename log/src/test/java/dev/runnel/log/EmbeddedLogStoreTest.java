package dev.runnel.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.log.testing.Records;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedLogStoreTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_000_000);

    private EmbeddedLogStore open() {
        return EmbeddedLogStore.open(StoreOptions.at(dir).withClock(clock).withoutBackgroundThreads());
    }

    @Test
    void appendedRecordsReadBackInOrderWithContiguousOffsets() {
        TopicPartition tp = new TopicPartition("events", 0);
        try (EmbeddedLogStore store = open()) {
            store.createTopic("events", TopicConfig.DEFAULT);
            List<AppendResult> a = store.append(tp, Records.numbered("v", 0, 10));
            List<AppendResult> b = store.append(tp, Records.numbered("v", 10, 5));
            assertThat(a.get(0).firstOffset()).isZero();
            assertThat(b.get(0).firstOffset()).isEqualTo(10);
            assertThat(store.logEndOffset(tp)).isEqualTo(15);
            List<ConsumedRecord> all = Records.readAll(store, tp, 0);
            assertThat(all).extracting(ConsumedRecord::offset).containsExactly(
                    0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L);
            assertThat(all.get(3).valueString()).isEqualTo("v3");
            assertThat(all.get(3).keyString()).isEqualTo("k3");
            assertThat(all.get(3).timestamp()).isEqualTo(3);
            assertThat(all.get(3).appendTime()).isEqualTo(1_000_000);
            assertThat(Records.values(Records.readAll(store, tp, 12))).containsExactly("v12", "v13", "v14");
        }
    }

    @Test
    void dataAndTopicsSurviveARestart() {
        TopicPartition tp = new TopicPartition("t", 2);
        try (EmbeddedLogStore store = open()) {
            store.createTopic("t", TopicConfig.ofPartitions(3).with("compression", "lz4"));
            store.append(tp, Records.numbered("x", 0, 100));
        }
        try (EmbeddedLogStore store = open()) {
            assertThat(store.openedClean()).isTrue();
            assertThat(store.repairs()).isEmpty();
            assertThat(store.describeTopic("t").config().compression()).isEqualTo(Compression.LZ4);
            assertThat(Records.values(Records.readAll(store, tp, 0))).hasSize(100).startsWith("x0").endsWith("x99");
            store.append(tp, Records.numbered("x", 100, 1));
            assertThat(store.logEndOffset(tp)).isEqualTo(101);
        }
    }

    @Test
    void everyCompressionCodecRoundTrips() {
        try (EmbeddedLogStore store = open()) {
            for (Compression c : Compression.values()) {
                String topic = "c-" + c.configName();
                store.createTopic(topic, TopicConfig.DEFAULT.with("compression", c.configName()));
                TopicPartition tp = new TopicPartition(topic, 0);
                List<Record> records = List.of(Record.of("a", "1"), Record.of(null, "2"), Record.of("c", null),
                        new Record("h".getBytes(), "v".getBytes(), 42, List.of(new Header("trace", new byte[] {1, 2}),
                                new Header("nil", null))));
                store.append(tp, records);
                List<ConsumedRecord> back = Records.readAll(store, tp, 0);
                assertThat(back).hasSize(4);
                assertThat(back.get(1).key()).isNull();
                assertThat(back.get(2).value()).isNull();
                assertThat(back.get(3).headers()).containsExactly(new Header("trace", new byte[] {1, 2}),
                        new Header("nil", null));
                assertThat(back.get(3).timestamp()).isEqualTo(42);
                assertThat(back.get(0).timestamp()).isEqualTo(clock.millis());
            }
        }
    }

    @Test
    void keyedRecordsLandWhereKafkaWouldPutThem() {
        // Kafka: Utils.toPositive(Utils.murmur2("key1".getBytes())) % 6
        assertThat(Partitioner.murmur2("21".getBytes())).isEqualTo(-973932308);
        byte[] padded = "xx21yyy".getBytes();
        assertThat(Partitioner.murmur2(padded, 2, 2)).isEqualTo(-973932308);
        for (int len = 0; len <= 7; len++) {
            byte[] key = java.util.Arrays.copyOfRange(padded, 0, len);
            assertThat(Partitioner.partitionForKey(padded, 0, len, 6)).isEqualTo(new Partitioner().partition(key, 6));
        }
        try (EmbeddedLogStore store = open()) {
            store.createTopic("p", TopicConfig.ofPartitions(6));
            store.send("p", List.of(Record.of("same", "a"), Record.of("same", "b"), Record.of("same", "c")));
            long nonEmpty = store.describeTopic("p").partitions().stream().filter(p -> p.logEndOffset() > 0).count();
            assertThat(nonEmpty).isEqualTo(1);
        }
    }

    @Test
    void findsOffsetsByEventTime() {
        TopicPartition tp = new TopicPartition("time", 0);
        try (EmbeddedLogStore store = open()) {
            store.createTopic("time", TopicConfig.DEFAULT.with("index.interval.bytes", "64"));
            for (int i = 0; i < 50; i++) {
                store.append(tp, List.of(Record.of("k", "v" + i, 1000L + i * 10)));
            }
            assertThat(store.offsetForTimestamp(tp, 0)).hasValue(0);
            assertThat(store.offsetForTimestamp(tp, 1000 + 25 * 10)).hasValue(25);
            assertThat(store.offsetForTimestamp(tp, 1000 + 25 * 10 - 5)).hasValue(25);
            assertThat(store.offsetForTimestamp(tp, 99_999)).isEmpty();
        }
    }

    @Test
    void alteredConfigPersists() {
        try (EmbeddedLogStore store = open()) {
            store.createTopic("a", TopicConfig.DEFAULT);
            store.alterTopicConfig("a", Map.of("retention.ms", "5000"));
            assertThatThrownBy(() -> store.alterTopicConfig("a", Map.of("partitions", "4")))
                    .isInstanceOf(InvalidConfigException.class);
            assertThatThrownBy(() -> store.alterTopicConfig("a", Map.of("no.such", "1")))
                    .hasMessageContaining("unknown topic config");
        }
        try (EmbeddedLogStore store = open()) {
            assertThat(store.describeTopic("a").config().retentionMs()).isEqualTo(5000);
        }
    }

    @Test
    void payloadBatchesGiveEachRowAnOffsetWithoutTheLogLookingInside() {
        TopicPartition tp = new TopicPartition("cols", 0);
        try (EmbeddedLogStore store = open()) {
            store.createTopic("cols", TopicConfig.DEFAULT.with("compression", "lz4"));
            store.append(tp, List.of(Record.of("k", "row-record", 100)));
            AppendResult a = store.appendPayload(tp, java.nio.ByteBuffer.wrap("block of 100 rows".getBytes()), 100,
                    500, 900);
            assertThat(a.firstOffset()).isEqualTo(1);
            assertThat(a.lastOffset()).isEqualTo(100);
            assertThat(store.logEndOffset(tp)).isEqualTo(101);
            FetchResult r = store.read(tp, 50, 1 << 20);
            dev.runnel.log.record.RecordBatch block = r.iterator().next();
            assertThat(block.isPayload()).isTrue();
            assertThat(block.baseOffset()).isEqualTo(1);
            assertThat(block.recordCount()).isEqualTo(100);
            assertThat(java.nio.charset.StandardCharsets.UTF_8.decode(block.payload()).toString())
                    .isEqualTo("block of 100 rows");
            assertThat(r.toRecords()).isEmpty();
            assertThat(store.offsetForTimestamp(tp, 700)).hasValue(1);
        }
    }

    @Test
    void readsIntoACallersBufferGiveTheSameBatchesAsAViewOfIt() {
        TopicPartition tp = new TopicPartition("reuse", 0);
        try (EmbeddedLogStore store = open()) {
            store.createTopic("reuse", TopicConfig.DEFAULT);
            for (int i = 0; i < 20; i++) {
                store.append(tp, Records.numbered("v", i * 50, 50));
            }
            for (java.nio.ByteBuffer into : List.of(java.nio.ByteBuffer.allocateDirect(4096),
                    java.nio.ByteBuffer.allocate(4096))) {
                List<ConsumedRecord> got = new java.util.ArrayList<>();
                long pos = 0;
                int fetches = 0;
                while (pos < store.logEndOffset(tp)) {
                    FetchResult mine = store.read(tp, pos, 4096);
                    FetchResult r = store.read(tp, pos, into);
                    assertThat(r.records()).isEqualTo(mine.records());
                    assertThat(r.records().isReadOnly()).isTrue();
                    assertThat(r.records().isDirect()).isEqualTo(into.isDirect());
                    assertThat(r.nextOffset()).isEqualTo(mine.nextOffset());
                    got.addAll(r.toRecords()); // copied out before the buffer is reused
                    pos = r.nextOffset();
                    fetches++;
                }
                assertThat(fetches).isGreaterThan(1);
                assertThat(got).extracting(ConsumedRecord::offset).containsExactlyElementsOf(
                        java.util.stream.LongStream.range(0, 1000).boxed().toList());
                assertThat(got.get(999).valueString()).isEqualTo("v999");
            }
            // a first batch larger than the caller's buffer comes back whole, in a buffer of its own
            java.nio.ByteBuffer tiny = java.nio.ByteBuffer.allocateDirect(64);
            FetchResult big = store.read(tp, 100, tiny);
            assertThat(big.records().isDirect()).isFalse();
            assertThat(Records.values(big.toRecords())).startsWith("v100").hasSize(50);
        }
    }

    @Test
    void compactionKeepsPayloadBatchesWhole() {
        TopicPartition tp = new TopicPartition("mixed", 0);
        try (EmbeddedLogStore store = open()) {
            store.createTopic("mixed", TopicConfig.DEFAULT.with("cleanup.policy", "compact"));
            store.append(tp, List.of(Record.of("a", "1", 1)));
            store.appendPayload(tp, java.nio.ByteBuffer.wrap(new byte[] {7, 7, 7}), 3, 2, 4);
            store.append(tp, List.of(Record.of("a", "2", 5)));
            store.roll("mixed");
            store.runCleaner();
            List<dev.runnel.log.record.RecordBatch> batches = new java.util.ArrayList<>();
            for (dev.runnel.log.record.RecordBatch b : store.read(tp, 0, 1 << 20)) {
                batches.add(b);
            }
            assertThat(batches).anySatisfy(b -> {
                assertThat(b.isPayload()).isTrue();
                assertThat(b.baseOffset()).isEqualTo(1);
                assertThat(b.payload().remaining()).isEqualTo(3);
            });
            assertThat(Records.values(Records.readAll(store, tp, 0))).containsExactly("2");
        }
    }
}
