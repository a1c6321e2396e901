package dev.runnel.log.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.ConsumedRecord;
import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.storage.SegmentFiles;
import dev.runnel.log.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Crashes in the middle of a clean: the test hook copies the data directory at a given step of the
 * n-th segment swap (the copy is what a crash there leaves on disk), the clean then finishes
 * normally, and the copy is opened as a store that did not shut down cleanly. Its log must read
 * back with nothing lost, altered or duplicated: each record is the one that was at its offset
 * before the clean, and every key has its latest value.
 */
class CrashDuringCleanTest {
    private static final String TOPIC = "state";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    @TempDir
    Path dir;
    @TempDir
    Path crashes;

    private final MutableClock clock = new MutableClock(1_000_000);

    private EmbeddedLogStore open(Path data) {
        return EmbeddedLogStore.open(StoreOptions.at(data).withClock(clock).withoutBackgroundThreads());
    }

    /** Three rounds over ten keys plus a delete and a keyless record: several segments, most records stale. */
    private static void write(EmbeddedLogStore store) {
        store.createTopic(TOPIC, TestTopics.compacted());
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 10; k++) {
                store.append(TP, List.of(Record.of("k" + k, "round" + round + "-value-of-k" + k)));
            }
        }
        store.append(TP, List.of(Record.of("k3", null), Record.of(null, "no key")));
        store.roll(TOPIC);
    }

    @ParameterizedTest(name = "crash after {0} of segment #{1}")
    @CsvSource({"CLEANED_WRITTEN, 0", "CLEANED_WRITTEN, 2", "SWAP_RENAMED, 0", "SWAP_RENAMED, 2", "SWAPPED, 1"})
    void aCrashAtAnyStepOfASwapLosesNothing(CleanerHook.Step step, int segment) throws IOException {
        Path image = crashes.resolve("image");
        LogSnapshot before;
        LogSnapshot cleaned;
        List<Path> leftovers = new ArrayList<>();
        try (EmbeddedLogStore store = open(dir)) {
            write(store);
            before = LogSnapshot.of(store, TP);
            AtomicInteger seen = new AtomicInteger();
            CleanerHook crashThere = (s, tp, file) -> {
                if (s == step && seen.getAndIncrement() == segment) {
                    LogSnapshot.copyDirectory(dir, image);
                    leftovers.add(image.resolve(dir.relativize(file)));
                }
            };
            try (LogCleaner cleaner = new LogCleaner(() -> List.of(store.partitionLog(TP)), clock,
                    LogCleaner.DEFAULT_MAX_MAP_KEYS, crashThere)) {
                assertThat(cleaner.cleanAll().segmentsCleaned()).isGreaterThan(segment);
            }
            cleaned = LogSnapshot.of(store, TP);
        }
        assertThat(leftovers).as("the crash image was taken").hasSize(1);
        assertThat(leftovers.get(0)).exists();
        Path partitionDir = leftovers.get(0).getParent();

        try (EmbeddedLogStore recovered = open(image)) {
            assertThat(recovered.openedClean()).isFalse();
            switch (step) {
                case CLEANED_WRITTEN -> assertThat(recovered.repairs()).anyMatch(
                        r -> r.contains("deleted unfinished compaction output"));
                case SWAP_RENAMED -> assertThat(recovered.repairs()).anyMatch(
                        r -> r.contains("completed interrupted compaction swap"));
                case SWAPPED -> assertThat(recovered.repairs()).noneMatch(r -> r.contains("compaction"));
            }
            assertThat(compactionLeftovers(partitionDir)).isEmpty();
            LogSnapshot after = LogSnapshot.of(recovered, TP);
            assertIntact(before, after);

            // and cleaning the recovered store ends where the uninterrupted clean did
            recovered.runCleaner();
            LogSnapshot recleaned = LogSnapshot.of(recovered, TP);
            assertThat(recleaned.records()).hasSameSizeAs(cleaned.records());
            for (int i = 0; i < recleaned.records().size(); i++) {
                assertThat(LogSnapshot.sameRecord(recleaned.records().get(i), cleaned.records().get(i))).isTrue();
            }
        }
    }

    @Test
    void aSwapFileOfASegmentRetentionDeletedIsDroppedNotResurrected() throws IOException {
        Path image = crashes.resolve("image");
        LogSnapshot before;
        List<Path> swaps = new ArrayList<>();
        try (EmbeddedLogStore store = open(dir)) {
            write(store);
            before = LogSnapshot.of(store, TP);
            CleanerHook crashThere = (s, tp, file) -> {
                if (s == CleanerHook.Step.SWAP_RENAMED && swaps.isEmpty()) {
                    LogSnapshot.copyDirectory(dir, image);
                    swaps.add(image.resolve(dir.relativize(file)));
                }
            };
            try (LogCleaner cleaner = new LogCleaner(() -> List.of(store.partitionLog(TP)), clock,
                    LogCleaner.DEFAULT_MAX_MAP_KEYS, crashThere)) {
                cleaner.cleanAll();
            }
        }
        // as if retention had deleted the segment while its compacted copy waited to be swapped in
        Path swap = swaps.get(0);
        long base = SegmentFiles.baseOffsetOf(swap);
        Files.delete(SegmentFiles.log(swap.getParent(), base));
        Files.deleteIfExists(SegmentFiles.index(swap.getParent(), base));
        Files.deleteIfExists(SegmentFiles.timeIndex(swap.getParent(), base));

        try (EmbeddedLogStore recovered = open(image)) {
            assertThat(recovered.repairs()).anyMatch(r -> r.contains("of a segment that no longer exists"));
            assertThat(swap).doesNotExist();
            assertThat(recovered.logStartOffset(TP)).isGreaterThan(base);
            LogSnapshot after = LogSnapshot.of(recovered, TP);
            assertThat(after.records()).isNotEmpty().allSatisfy(r -> assertThat(r.offset()).isGreaterThan(base));
            Map<Long, ConsumedRecord> byOffset = byOffset(before);
            assertThat(after.records()).allMatch(r -> LogSnapshot.sameRecord(byOffset.get(r.offset()), r));
        }
    }

    /** Nothing lost, altered or duplicated: the latest value of every key, each record as it was. */
    private static void assertIntact(LogSnapshot before, LogSnapshot after) {
        assertThat(after.startOffset()).isEqualTo(before.startOffset());
        assertThat(after.endOffset()).isEqualTo(before.endOffset());
        assertThat(after.latestValues()).isEqualTo(before.latestValues());
        assertThat(after.keyless()).hasSameSizeAs(before.keyless());
        Map<Long, ConsumedRecord> byOffset = byOffset(before);
        long last = -1;
        for (ConsumedRecord r : after.records()) {
            assertThat(r.offset()).isGreaterThan(last);
            last = r.offset();
            assertThat(LogSnapshot.sameRecord(byOffset.get(r.offset()), r)).as("record at %d", r.offset()).isTrue();
        }
    }

    private static Map<Long, ConsumedRecord> byOffset(LogSnapshot s) {
        Map<Long, ConsumedRecord> m = new HashMap<>();
        s.records().forEach(r -> m.put(r.offset(), r));
        return m;
    }

    private static List<Path> compactionLeftovers(Path partitionDir) throws IOException {
        try (Stream<Path> files = Files.list(partitionDir)) {
            return files.filter(p -> p.toString().endsWith(SegmentFiles.CLEANED) || p.toString().endsWith(
                    SegmentFiles.SWAP)).toList();
        }
    }
}
