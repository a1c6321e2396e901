package dev.runnel.log.cleaner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.storage.SegmentFiles;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.log.testing.Records;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cleaner's lifecycle and its behaviour around appends, other topics, failures and retention. */
class LogCleanerTest {
    private static final String TOPIC = "state";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_000_000);

    private EmbeddedLogStore open() {
        return EmbeddedLogStore.open(StoreOptions.at(dir).withClock(clock).withoutBackgroundThreads());
    }

    /** {@code rounds} values for each of {@code keys} keys, one record per append. */
    private static void overwrite(EmbeddedLogStore store, TopicPartition tp, int rounds, int keys) {
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < keys; k++) {
                store.append(tp, List.of(Record.of("k" + k, "round" + round + "-k" + k)));
            }
        }
    }

    @Test
    void cleaningKeepsTheLatestValueOfEachKeyAtItsOffsetAndThenHasNothingToDo() {
        try (EmbeddedLogStore store = open()) {
            store.createTopic(TOPIC, TestTopics.compacted());
            overwrite(store, TP, 4, 10);
            store.roll(TOPIC);
            long segments = store.partitionLog(TP).segmentCount();

            LogCleaner.Stats stats = store.runCleaner();

            assertThat(stats.segmentsCleaned()).isPositive();
            assertThat(stats.recordsRead()).isEqualTo(40);
            assertThat(stats.recordsRemoved()).isEqualTo(30);
            assertThat(stats.bytesAfter()).isLessThan(stats.bytesBefore());
            LogSnapshot after = LogSnapshot.of(store, TP);
            assertThat(Records.values(after.records())).containsExactly("round3-k0", "round3-k1", "round3-k2",
                    "round3-k3", "round3-k4", "round3-k5", "round3-k6", "round3-k7", "round3-k8", "round3-k9");
            assertThat(after.records().get(0).offset()).isEqualTo(30);
            assertThat(after.endOffset()).isEqualTo(40);
            assertThat(store.partitionLog(TP).segmentCount()).as("emptied segments stay").isEqualTo(segments);

            assertThat(store.runCleaner()).as("nothing new").isEqualTo(LogCleaner.Stats.NONE);
            store.append(TP, List.of(Record.of("k0", "newest")));
            store.roll(TOPIC);
            assertThat(store.runCleaner().recordsRemoved()).isEqualTo(1);
            assertThat(store.runCleaner()).isEqualTo(LogCleaner.Stats.NONE);
        }
    }

    @Test
    void aTopicThatIsNotCompactedIsLeftAlone() throws IOException {
        try (EmbeddedLogStore store = open()) {
            store.createTopic(TOPIC, TestTopics.smallSegments("delete"));
            overwrite(store, TP, 4, 10);
            store.roll(TOPIC);
            Path partitionDir = store.partitionLog(TP).directory();
            Map<String, byte[]> files = contents(partitionDir);

            assertThat(store.runCleaner()).isEqualTo(LogCleaner.Stats.NONE);

            assertThat(Records.readAll(store, TP, 0)).hasSize(40);
            Map<String, byte[]> now = contents(partitionDir);
            assertThat(now.keySet()).isEqualTo(files.keySet());
            files.forEach((name, bytes) -> assertThat(now.get(name)).as(name).isEqualTo(bytes));
        }
    }

    @Test
    void appendsAndReadsDoNotWaitForACleanInProgress() throws Exception {
        try (EmbeddedLogStore store = open()) {
            store.createTopic(TOPIC, TestTopics.compacted());
            overwrite(store, TP, 4, 10);
            store.roll(TOPIC);
            CountDownLatch stalled = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CleanerHook stall = (step, tp, file) -> {
                if (step == CleanerHook.Step.SWAP_RENAMED && stalled.getCount() > 0) {
                    stalled.countDown();
                    await(release);
                }
            };
            try (LogCleaner cleaner = new LogCleaner(() -> List.of(store.partitionLog(TP)), clock,
                    LogCleaner.DEFAULT_MAX_MAP_KEYS, stall)) {
                AtomicReference<LogCleaner.Stats> result = new AtomicReference<>();
                Thread cleaning = new Thread(() -> result.set(cleaner.cleanAll()));
                cleaning.start();
                assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();

                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    for (int i = 0; i < 100; i++) {
                        store.append(TP, List.of(Record.of("k" + (i % 10), "during-" + i)));
                    }
                    assertThat(Records.readAll(store, TP, 0)).hasSize(140);
                });

                release.countDown();
                cleaning.join(10_000);
                assertThat(result.get().segmentsCleaned()).isPositive();
            }
            store.roll(TOPIC);
            store.runCleaner();
            assertThat(LogSnapshot.of(store, TP).records()).extracting(r -> r.valueString())
                    .containsExactly("during-90", "during-91", "during-92", "during-93", "during-94", "during-95",
                            "during-96", "during-97", "during-98", "during-99");
        }
    }

    @Test
    void nothingIsLostWhenAppendsAndReadsRunConcurrentlyWithRepeatedCleans() throws Exception {
        try (EmbeddedLogStore store = open()) {
            store.createTopic(TOPIC, TestTopics.compacted("fsync", "none"));
            int total = 3000;
            int keys = 25;
            Thread appender = new Thread(() -> {
                for (int i = 0; i < total; i++) {
                    store.append(TP, List.of(Record.of("k" + (i % keys), "v" + i)));
                }
            });
            List<Throwable> readFailures = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                while (appender.isAlive()) {
                    try {
                        long last = -1;
                        for (var r : Records.readAll(store, TP, 0)) {
                            if (r.offset() <= last) {
                                throw new AssertionError("offset " + r.offset() + " after " + last);
                            }
                            last = r.offset();
                        }
                    } catch (RuntimeException | AssertionError e) {
                        readFailures.add(e);
                    }
                }
            });
            appender.start();
            reader.start();
            LogCleaner.Stats stats = LogCleaner.Stats.NONE;
            while (appender.isAlive()) {
                store.roll(TOPIC);
                stats = stats.plus(store.runCleaner());
            }
            appender.join();
            reader.join();
            store.roll(TOPIC);
            stats = stats.plus(store.runCleaner());

            assertThat(readFailures).as("reads while segments are swapped").isEmpty();
            assertThat(stats.segmentsCleaned()).isPositive();
            assertThat(store.logEndOffset(TP)).isEqualTo(total);
            LogSnapshot after = LogSnapshot.of(store, TP);
            Map<String, String> expected = new TreeMap<>();
            for (int i = total - keys; i < total; i++) {
                expected.put("k" + (i % keys), "v" + i);
            }
            assertThat(new TreeMap<>(after.latestValues())).isEqualTo(expected);
            assertThat(after.records()).hasSize(keys);
            assertThat(after.records()).allMatch(r -> r.offset() == Long.parseLong(r.valueString().substring(1)));
        }
    }

    @Test
    void aPartitionThatFailsIsLoggedAndTheOthersAreStillCleaned() throws IOException {
        TopicPartition broken = new TopicPartition("broken", 0);
        List<LogRecord> warnings = new ArrayList<>();
        Logger jul = Logger.getLogger(LogCleaner.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        jul.addHandler(capture);
        try (EmbeddedLogStore store = open()) {
            store.createTopic("broken", TestTopics.compacted());
            store.createTopic(TOPIC, TestTopics.compacted());
            overwrite(store, broken, 4, 10);
            overwrite(store, TP, 4, 10);
            store.roll("broken");
            store.roll(TOPIC);
            Path first = SegmentFiles.log(store.partitionLog(broken).directory(), 0);
            try (FileChannel ch = FileChannel.open(first, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.allocate(1);
                ch.read(b, 70);
                b.put(0, (byte) (b.get(0) ^ 0x5a));
                ch.write(b.flip(), 70);
            }

            LogCleaner.Stats stats = store.runCleaner();

            assertThat(stats.recordsRemoved()).isEqualTo(30);
            assertThat(LogSnapshot.of(store, TP).records()).hasSize(10);
            assertThat(warnings).singleElement().satisfies(w -> assertThat(w.getMessage())
                    .contains("compaction of broken-0 failed").contains("CRC"));
            assertThat(compactionLeftovers(store.partitionLog(broken).directory())).isEmpty();
        } finally {
            jul.removeHandler(capture);
        }
    }

    @Test
    void anEmptiedSegmentKeepsItsBaseOffsetUntilRetentionDropsIt() {
        try (EmbeddedLogStore store = open()) {
            store.createTopic(TOPIC, TestTopics.smallSegments("compact,delete"));
            overwrite(store, TP, 4, 10);
            store.roll(TOPIC);
            int segments = store.partitionLog(TP).segmentCount();
            store.runCleaner();
            assertThat(store.partitionLog(TP).segmentCount()).isEqualTo(segments);
            assertThat(store.partitionLog(TP).inactiveSegments().get(0).isEmpty()).isTrue();
            assertThat(store.logStartOffset(TP)).isZero();
            List<String> values = Records.values(Records.readAll(store, TP, 0));

            assertThat(store.runRetention()).isPositive();

            assertThat(store.logStartOffset(TP)).isPositive();
            assertThat(store.partitionLog(TP).inactiveSegments().get(0).isEmpty()).isFalse();
            assertThat(Records.values(Records.readAll(store, TP, store.logStartOffset(TP)))).isEqualTo(values);
        }
    }

    @Test
    void theBackgroundThreadCleansPeriodicallyUntilClosed() throws Exception {
        try (EmbeddedLogStore store = open()) {
            store.createTopic(TOPIC, TestTopics.compacted());
            overwrite(store, TP, 4, 10);
            store.roll(TOPIC);
            LogCleaner cleaner = new LogCleaner(() -> List.of(store.partitionLog(TP)), clock);
            try {
                cleaner.start(5);
                Thread thread = cleanerThread();
                assertThat(thread).isNotNull();
                assertThat(thread.isDaemon()).isTrue();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (Records.readAll(store, TP, 0).size() > 10 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(Records.readAll(store, TP, 0)).hasSize(10);
                cleaner.close();
                assertThat(thread.isAlive()).isFalse();
            } finally {
                cleaner.close();
            }
            assertThat(cleaner.cleanAll()).as("a closed cleaner does nothing").isEqualTo(LogCleaner.Stats.NONE);
        }
    }

    @Test
    void closeStopsARunningPassAndLeavesNoFilesBehind() throws Exception {
        try (EmbeddedLogStore store = open()) {
            store.createTopic(TOPIC, TestTopics.compacted());
            overwrite(store, TP, 4, 10);
            store.roll(TOPIC);
            List<String> values = Records.values(Records.readAll(store, TP, 0));
            CountDownLatch stalled = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CleanerHook stall = (step, tp, file) -> {
                if (step == CleanerHook.Step.CLEANED_WRITTEN && stalled.getCount() > 0) {
                    stalled.countDown();
                    await(release);
                }
            };
            LogCleaner cleaner = new LogCleaner(() -> List.of(store.partitionLog(TP)), clock,
                    LogCleaner.DEFAULT_MAX_MAP_KEYS, stall);
            AtomicReference<LogCleaner.Stats> result = new AtomicReference<>();
            Thread cleaning = new Thread(() -> result.set(cleaner.cleanAll()));
            cleaning.start();
            assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
            Thread closing = new Thread(cleaner::close);
            closing.start();
            closing.join(200);
            assertThat(closing.isAlive()).as("close waits for the running pass").isTrue();

            release.countDown();
            closing.join(10_000);
            cleaning.join(10_000);

            assertThat(closing.isAlive()).isFalse();
            assertThat(result.get()).isEqualTo(LogCleaner.Stats.NONE);
            assertThat(compactionLeftovers(store.partitionLog(TP).directory())).isEmpty();
            assertThat(Records.values(Records.readAll(store, TP, 0))).isEqualTo(values);
        }
    }

    private static Thread cleanerThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(LogCleaner.THREAD_NAME)).findFirst().orElse(null);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, byte[]> contents(Path partitionDir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> files = Files.list(partitionDir)) {
            for (Path p : files.toList()) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    private static List<Path> compactionLeftovers(Path partitionDir) throws IOException {
        try (Stream<Path> files = Files.list(partitionDir)) {
            return files.filter(p -> p.toString().endsWith(SegmentFiles.CLEANED)
                    || p.toString().endsWith(SegmentFiles.SWAP)).toList();
        }
    }
}
