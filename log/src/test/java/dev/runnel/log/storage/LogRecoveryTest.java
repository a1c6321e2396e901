package dev.runnel.log.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.log.ConsumedRecord;
import dev.runnel.log.CorruptRecordException;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.log.testing.Records;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages segment and index files on purpose, then reopens, in the style of Kafka's
 * {@code LogSegmentTest}/{@code LogLoaderTest}: every intact batch before the damage is readable,
 * nothing after it is returned as data, and the repair is reported.
 */
class LogRecoveryTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);
    private static final int BATCHES = 20;
    private static final int PER_BATCH = 5;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_000);

    private EmbeddedLogStore open() {
        return EmbeddedLogStore.open(StoreOptions.at(dir).withClock(clock).withoutBackgroundThreads());
    }

    /** Writes BATCHES batches, records each batch's byte position, closes, and returns the positions. */
    private long[] writeBatches(TopicConfig config) {
        long[] positions = new long[BATCHES + 1];
        try (EmbeddedLogStore store = open()) {
            store.createTopic("t", config);
            for (int b = 0; b < BATCHES; b++) {
                positions[b] = store.partitionLog(TP).activeSegment().size();
                store.append(TP, Records.numbered("v", b * PER_BATCH, PER_BATCH));
            }
            positions[BATCHES] = store.partitionLog(TP).activeSegment().size();
        }
        return positions;
    }

    private Path partitionDir() {
        return dir.resolve("topics/t/0");
    }

    private Path segmentLog() {
        return partitionDir().resolve(SegmentFiles.baseName(0) + SegmentFiles.LOG);
    }

    /** Makes the next open treat the store as crashed. */
    private void forgetCleanShutdown() throws IOException {
        Files.delete(dir.resolve(".clean-shutdown"));
    }

    @Test
    void tornLastBatchIsTruncatedAndEverythingBeforeItSurvives() throws IOException {
        long[] pos = writeBatches(TopicConfig.DEFAULT);
        forgetCleanShutdown();
        truncate(segmentLog(), pos[BATCHES] - 7);

        try (EmbeddedLogStore store = open()) {
            assertThat(store.openedClean()).isFalse();
            assertThat(store.repairs()).singleElement().asString()
                    .contains("truncated segment 00000000000000000000")
                    .contains("incomplete");
            List<ConsumedRecord> back = Records.readAll(store, TP, 0);
            assertThat(back).hasSize((BATCHES - 1) * PER_BATCH);
            assertThat(back.get(back.size() - 1).valueString()).isEqualTo("v" + ((BATCHES - 1) * PER_BATCH - 1));
            assertThat(store.logEndOffset(TP)).isEqualTo((BATCHES - 1) * PER_BATCH);
            assertThat(Files.size(segmentLog())).isEqualTo(pos[BATCHES - 1]);

            // appends continue with contiguous offsets
            store.append(TP, Records.numbered("n", 0, 1));
            assertThat(Records.readAll(store, TP, (BATCHES - 1) * PER_BATCH)).singleElement()
                    .satisfies(r -> assertThat(r.offset()).isEqualTo((BATCHES - 1) * PER_BATCH));
        }
    }

    @Test
    void flippedByteInTheMiddleCutsTheLogThereAfterACrash() throws IOException {
        long[] pos = writeBatches(TopicConfig.DEFAULT);
        forgetCleanShutdown();
        int damaged = BATCHES / 2;
        flipByte(segmentLog(), pos[damaged] + 40);

        try (EmbeddedLogStore store = open()) {
            assertThat(store.repairs()).singleElement().asString().contains("CRC").contains("byte " + pos[damaged]);
            List<ConsumedRecord> back = Records.readAll(store, TP, 0);
            assertThat(Records.values(back)).hasSize(damaged * PER_BATCH)
                    .containsExactlyElementsOf(Records.values(numberedValues(damaged * PER_BATCH)));
            assertThat(store.logEndOffset(TP)).isEqualTo(damaged * PER_BATCH);
        }
    }

    @Test
    void flippedByteAfterACleanShutdownIsCaughtOnReadAndNothingAfterItIsReturned() throws IOException {
        // dense index: the clean open rescans only the tail after the last entry, not the damage
        long[] pos = writeBatches(TopicConfig.DEFAULT.with("index.interval.bytes", "100"));
        int damaged = 7;
        flipByte(segmentLog(), pos[damaged] + RecordBatchLayout.RECORDS_START + 3);

        try (EmbeddedLogStore store = open()) {
            assertThat(store.openedClean()).isTrue();
            List<ConsumedRecord> before = store.read(TP, 0, 1 << 20).toRecords();
            assertThat(Records.values(before)).containsExactlyElementsOf(
                    Records.values(numberedValues(damaged * PER_BATCH)));
            assertThatThrownBy(() -> store.read(TP, damaged * PER_BATCH, 1 << 20))
                    .isInstanceOf(CorruptRecordException.class)
                    .hasMessageContaining("corrupt batch in t-0 at byte " + pos[damaged]);
        }
    }

    @Test
    void damageInAnOlderSegmentDeletesTheSegmentsAfterIt() throws IOException {
        TopicConfig small = TopicConfig.DEFAULT.withAll(java.util.Map.of("segment.bytes", "1024", "max.record.bytes", "512"));
        writeBatches(small);
        List<Path> logs;
        try (var s = Files.list(partitionDir())) {
            logs = s.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
        assertThat(logs.size()).isGreaterThanOrEqualTo(3);
        forgetCleanShutdown();
        Files.delete(partitionDir().resolve("recovery-point"));
        flipByte(logs.get(1), 30);

        try (EmbeddedLogStore store = open()) {
            assertThat(store.repairs()).anySatisfy(r -> assertThat(r).contains("truncated segment"));
            assertThat(store.repairs()).anySatisfy(r -> assertThat(r).contains("follows damaged data"));
            long end = store.logEndOffset(TP);
            assertThat(end).isEqualTo(SegmentFiles.baseOffsetOf(logs.get(1)));
            assertThat(Records.values(Records.readAll(store, TP, 0))).containsExactlyElementsOf(
                    Records.values(numberedValues((int) end)));
        }
    }

    @Test
    void missingIndexesAreRebuiltAndLookupsStillWork() throws IOException {
        writeBatches(TopicConfig.DEFAULT.with("index.interval.bytes", "100"));
        Files.delete(partitionDir().resolve(SegmentFiles.baseName(0) + SegmentFiles.INDEX));
        Files.delete(partitionDir().resolve(SegmentFiles.baseName(0) + SegmentFiles.TIME_INDEX));

        try (EmbeddedLogStore store = open()) {
            assertThat(store.repairs()).singleElement().asString().contains("rebuilt the indexes");
            assertThat(Records.values(Records.readAll(store, TP, 57))).first().isEqualTo("v57");
            assertThat(store.offsetForTimestamp(TP, 63)).hasValue(63);
        }
        assertThat(partitionDir().resolve(SegmentFiles.baseName(0) + SegmentFiles.INDEX)).exists();
        assertThat(Files.size(partitionDir().resolve(SegmentFiles.baseName(0) + SegmentFiles.INDEX))).isPositive();
    }

    @Test
    void garbageIndexIsDetectedAndRebuilt() throws IOException {
        writeBatches(TopicConfig.DEFAULT.with("index.interval.bytes", "100"));
        Path index = partitionDir().resolve(SegmentFiles.baseName(0) + SegmentFiles.INDEX);
        byte[] garbage = new byte[(int) Files.size(index)];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 37);
        }
        Files.write(index, garbage);

        try (EmbeddedLogStore store = open()) {
            assertThat(store.repairs()).singleElement().asString().contains("rebuilt the indexes");
            assertThat(Records.values(Records.readAll(store, TP, 0))).hasSize(BATCHES * PER_BATCH);
            assertThat(Records.values(Records.readAll(store, TP, 91))).first().isEqualTo("v91");
        }
    }

    @Test
    void zeroFilledTailIsTreatedAsTorn() throws IOException {
        long[] pos = writeBatches(TopicConfig.DEFAULT);
        forgetCleanShutdown();
        try (FileChannel ch = FileChannel.open(segmentLog(), StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(4096), pos[BATCHES]);
        }
        try (EmbeddedLogStore store = open()) {
            assertThat(store.repairs()).singleElement().asString().contains("dropped 4096 bytes");
            assertThat(Records.readAll(store, TP, 0)).hasSize(BATCHES * PER_BATCH);
        }
    }

    private static List<ConsumedRecord> numberedValues(int n) {
        return Records.numbered("v", 0, n).stream()
                .map(r -> new ConsumedRecord(TP, 0, r.key(), r.value(), r.timestamp(), 0, 0, List.of())).toList();
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(position);
            int b = f.read();
            f.seek(position);
            f.write(b ^ 0xff);
        }
    }

    /** Where a batch's record section starts (after the fixed header). */
    private static final class RecordBatchLayout {
        static final int RECORDS_START = dev.runnel.log.record.RecordBatch.HEADER_SIZE_V2;
    }
}
