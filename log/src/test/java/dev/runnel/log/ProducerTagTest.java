package dev.runnel.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordBatchBuilder;
import dev.runnel.log.record.RecordCursor;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.log.testing.Records;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Producer tags: written in the batch header, handed back on read, across splits, restarts and versions. */
class ProducerTagTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_000_000);

    private EmbeddedLogStore open() {
        return EmbeddedLogStore.open(StoreOptions.at(dir).withClock(clock).withoutBackgroundThreads());
    }

    private static List<RecordBatch> batches(LogStore store, TopicPartition tp) {
        List<RecordBatch> out = new ArrayList<>();
        long pos = store.logStartOffset(tp);
        while (pos < store.logEndOffset(tp)) {
            FetchResult f = store.read(tp, pos, 1 << 20);
            for (RecordBatch b : f) {
                out.add(b);
                pos = b.nextOffset();
            }
        }
        return out;
    }

    @Test
    void aTaggedAppendSplitIntoSeveralBatchesAdvancesTheSequenceByTheRecordsBefore() {
        TopicPartition tp = new TopicPartition("out", 0);
        try (EmbeddedLogStore store = open()) {
            store.createTopic("out", TopicConfig.DEFAULT.with("segment.bytes", "4096"));
            List<Record> big = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                big.add(new Record(null, ("value-" + i + "-" + "x".repeat(300)).getBytes(StandardCharsets.UTF_8), Record.NO_TIMESTAMP, List.of()));
            }
            store.append(tp, Records.numbered("plain", 0, 3));
            List<AppendResult> r = store.append(tp, big, new ProducerTag(77, 5, 100));
            assertThat(r).hasSizeGreaterThan(1);
        }
        try (EmbeddedLogStore store = open()) {
            List<RecordBatch> all = batches(store, tp);
            assertThat(all.get(0).producerTag()).isEqualTo(ProducerTag.NONE);
            long expected = 100;
            for (RecordBatch b : all.subList(1, all.size())) {
                assertThat(b.producerId()).isEqualTo(77);
                assertThat(b.producerEpoch()).isEqualTo(5);
                assertThat(b.firstSequence()).isEqualTo(expected);
                expected += b.lastOffset() - b.baseOffset() + 1;
            }
            assertThat(expected).isEqualTo(140);
        }
    }

    @Test
    void aPayloadBatchCarriesItsTag() {
        TopicPartition tp = new TopicPartition("p", 0);
        try (EmbeddedLogStore store = open()) {
            store.createTopic("p", TopicConfig.DEFAULT);
            store.appendPayload(tp, ByteBuffer.wrap(new byte[] {1, 2, 3}), 10, 5, 9, new ProducerTag(3, 1, 0));
            RecordBatch b = batches(store, tp).get(0);
            assertThat(b.producerTag()).isEqualTo(new ProducerTag(3, 1, 0));
            assertThat(b.recordCount()).isEqualTo(10);
            assertThat(b.payload().remaining()).isEqualTo(3);
        }
    }

    @Test
    void aVersionOneBatchIsStillReadAsUntagged() {
        ByteBuffer v2 = new RecordBatchBuilder().build(Records.numbered("old", 0, 3), Compression.NONE, 42,
                new ProducerTag(1, 2, 3));
        // the same batch without the producer fields, as the first version wrote it
        int size = v2.limit() - (RecordBatch.HEADER_SIZE_V2 - RecordBatch.HEADER_SIZE);
        ByteBuffer v1 = ByteBuffer.allocate(size);
        v1.put(v2.duplicate().limit(RecordBatch.HEADER_SIZE));
        v1.put(v2.duplicate().position(RecordBatch.HEADER_SIZE_V2));
        v1.putInt(RecordBatch.LENGTH_OFFSET, size - RecordBatch.LOG_OVERHEAD);
        v1.put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC_V1);
        CRC32C crc = new CRC32C();
        crc.update(v1.array(), RecordBatch.ATTRIBUTES_OFFSET, size - RecordBatch.ATTRIBUTES_OFFSET);
        v1.putInt(RecordBatch.CRC_OFFSET, (int) crc.getValue());
        RecordBatch b = new RecordBatch(v1.flip());
        b.ensureValid();
        assertThat(b.producerTag()).isEqualTo(ProducerTag.NONE);
        assertThat(b.headerSize()).isEqualTo(RecordBatch.HEADER_SIZE);
        RecordCursor c = b.records();
        List<String> values = new ArrayList<>();
        while (c.next()) {
            values.add(new String(c.valueBytes(), StandardCharsets.UTF_8));
        }
        assertThat(values).containsExactly("old0", "old1", "old2");
    }
}
