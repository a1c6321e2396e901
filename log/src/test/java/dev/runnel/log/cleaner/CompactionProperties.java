package dev.runnel.log.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.AppendResult;
import dev.runnel.log.ConsumedRecord;
import dev.runnel.log.Header;
import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.log.testing.Records;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Compaction against a model of what was written: rounds of random keyed writes, tombstones and
 * keyless records over six keys, each round rolled and cleaned, the clock moving on by random steps
 * so tombstones expire at different times, then a last clean once every tombstone has expired.
 *
 * <p>After every clean at time {@code now} these hold:
 * <ul>
 *   <li>(a) every key whose latest write is a value, or a tombstone appended at most
 *       {@code delete.retention.ms} before {@code now}, occurs exactly once: as that latest write,
 *       at its original offset;</li>
 *   <li>(b) every key whose latest write is a tombstone older than that has no record left;</li>
 *   <li>(c) offsets strictly increase, and each record read is exactly the record that was at that
 *       offset before (key, value, headers, event time, producer time, append time); keyless
 *       records are all still there;</li>
 *   <li>(d) a consumer that read the log before the clean up to any offset X, and reads on from X
 *       after it, ends up with the same latest value (or tombstone) per key as one that read the
 *       whole log before the clean, for every key not removed by tombstone expiry in this clean
 *       (a consumer that falls more than {@code delete.retention.ms} behind can miss a delete, as
 *       in Kafka);</li>
 *   <li>(e) log start and end offsets are unchanged, and reading from any offset in between returns
 *       exactly the records at or after it.</li>
 * </ul>
 * Half the tries clean through the store, the rest with a tiny offset map (1 or 3 keys), so that
 * each pass maps only part of the dirty range and later passes build on earlier ones.
 */
class CompactionProperties {
    private static final String TOPIC = "compacted";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final long DELETE_RETENTION_MS = 10_000;

    /** One record to write: key index (null = no key), value (null = tombstone), event time, a header or not. */
    record Write(Integer key, String value, long timestamp, boolean withHeader) {
        Record toRecord() {
            List<Header> headers = withHeader ? List.of(new Header("h", utf8(value))) : List.of();
            return new Record(key == null ? null : utf8("k" + key), value == null ? null : utf8(value), timestamp,
                    headers);
        }

        private static byte[] utf8(String s) {
            return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** One append of a batch of writes, after the clock moved on by {@code advanceMs}. */
    record Append(int advanceMs, List<Write> writes) {}

    /** A write as the log took it. */
    record Written(long offset, String key, String value, long appendTime) {}

    /** Runs the cleaner until the log is as clean as it gets. */
    @FunctionalInterface
    interface Cleaning {
        LogCleaner.Stats clean();
    }

    @Property(tries = 80)
    void compactionKeepsTheLatestRecordOfEveryKey(@ForAll("rounds") List<List<Append>> rounds,
            @ForAll("compressions") String compression, @ForAll("mapCapacities") int mapCapacity) throws IOException {
        Path dir = Files.createTempDirectory("compaction-properties");
        MutableClock clock = new MutableClock(1_000_000);
        try (EmbeddedLogStore store = EmbeddedLogStore.open(
                StoreOptions.at(dir).withClock(clock).withoutBackgroundThreads());
                LogCleaner smallMapCleaner = new LogCleaner(() -> List.of(store.partitionLog(TP)), clock,
                        Math.min(mapCapacity, 1000), CleanerHook.NONE)) {
            store.createTopic(TOPIC, TestTopics.compacted("delete.retention.ms", Long.toString(DELETE_RETENTION_MS),
                    "compression", compression));
            Cleaning cleaning = mapCapacity == Integer.MAX_VALUE ? store::runCleaner : () -> {
                // each pass maps at least one more segment, so this many passes finish the job
                LogCleaner.Stats total = LogCleaner.Stats.NONE;
                for (int i = store.partitionLog(TP).segmentCount(); i >= 0; i--) {
                    total = total.plus(smallMapCleaner.cleanAll());
                }
                return total;
            };
            List<Written> history = new ArrayList<>();
            for (List<Append> round : rounds) {
                for (Append a : round) {
                    clock.advance(a.advanceMs());
                    append(store, a.writes(), history);
                }
                store.roll(TOPIC);
                cleanAndCheck(store, cleaning, history, clock.millis());
            }
            clock.advance(DELETE_RETENTION_MS + 1);
            cleanAndCheck(store, cleaning, history, clock.millis());
            LogSnapshot done = LogSnapshot.of(store, TP);
            assertThat(done.records()).allSatisfy(r -> assertThat(r.value() != null || r.key() == null).isTrue());
            LogCleaner.Stats again = mapCapacity == Integer.MAX_VALUE ? store.runCleaner() : smallMapCleaner.cleanAll();
            assertThat(again).as("nothing new to clean").isEqualTo(LogCleaner.Stats.NONE);
        } finally {
            LogSnapshot.deleteRecursively(dir);
        }
    }

    private static void append(EmbeddedLogStore store, List<Write> writes, List<Written> history) {
        List<Record> records = writes.stream().map(Write::toRecord).toList();
        List<AppendResult> results = store.append(TP, records);
        assertThat(results).hasSize(1);
        AppendResult r = results.get(0);
        for (int i = 0; i < writes.size(); i++) {
            Write w = writes.get(i);
            history.add(new Written(r.firstOffset() + i, w.key() == null ? null : "k" + w.key(), w.value(),
                    r.appendTime()));
        }
    }

    private static void cleanAndCheck(EmbeddedLogStore store, Cleaning cleaning, List<Written> history, long now) {
        LogSnapshot before = LogSnapshot.of(store, TP);
        LogCleaner.Stats stats = cleaning.clean();
        LogSnapshot after = LogSnapshot.of(store, TP);

        assertThat(stats.recordsRemoved()).isEqualTo(before.records().size() - after.records().size());
        // (e) the offset range stays
        assertThat(after.startOffset()).isEqualTo(before.startOffset());
        assertThat(after.endOffset()).isEqualTo(before.endOffset()).isEqualTo(history.size());
        // (c) increasing offsets, nothing altered, keyless records untouched
        Map<Long, ConsumedRecord> beforeByOffset = new HashMap<>();
        before.records().forEach(r -> beforeByOffset.put(r.offset(), r));
        for (int i = 0; i < after.records().size(); i++) {
            ConsumedRecord r = after.records().get(i);
            if (i > 0) {
                assertThat(r.offset()).isGreaterThan(after.records().get(i - 1).offset());
            }
            assertThat(beforeByOffset.get(r.offset())).as("record at offset %d", r.offset())
                    .matches(b -> b != null && LogSnapshot.sameRecord(b, r), "same as before the clean: " + r);
        }
        assertThat(after.keyless()).extracting(ConsumedRecord::offset).containsExactlyElementsOf(
                history.stream().filter(w -> w.key() == null).map(Written::offset).toList());
        // (a), (b) against the model
        Map<String, Written> latest = new HashMap<>();
        history.stream().filter(w -> w.key() != null).forEach(w -> latest.put(w.key(), w));
        List<String> kept = new ArrayList<>();
        for (Written w : latest.values()) {
            List<ConsumedRecord> records = after.withKey(w.key());
            if (w.value() == null && now - w.appendTime() > DELETE_RETENTION_MS) {
                assertThat(records).as("expired tombstone of %s and everything before it are gone", w.key()).isEmpty();
            } else {
                assertThat(records).as("records of %s", w.key()).singleElement().satisfies(r -> {
                    assertThat(r.offset()).isEqualTo(w.offset());
                    assertThat(r.valueString()).isEqualTo(w.value());
                });
                kept.add(w.key());
            }
        }
        // (d) a consumer resuming at any X sees the same latest value for every key still in the log
        Map<String, String> truth = before.latestValues();
        for (long x = before.startOffset(); x <= before.endOffset(); x++) {
            Map<String, String> view = LogSnapshot.consumerView(before, after, x);
            for (String key : kept) {
                assertThat(view).as("consumer resuming at %d, key %s", x, key).containsEntry(key, truth.get(key));
            }
        }
        // (e) reads from every offset in range
        for (long x = after.startOffset(); x <= after.endOffset(); x++) {
            List<ConsumedRecord> read = Records.readAll(store, TP, x);
            List<ConsumedRecord> expected = after.from(x);
            assertThat(read).as("read from %d", x).hasSameSizeAs(expected);
            for (int i = 0; i < read.size(); i++) {
                assertThat(LogSnapshot.sameRecord(read.get(i), expected.get(i))).as("read from %d, record %d", x, i)
                        .isTrue();
            }
        }
    }

    @Provide
    Arbitrary<List<List<Append>>> rounds() {
        Arbitrary<Integer> key = Arbitraries.integers().between(0, 5).injectNull(0.1);
        Arbitrary<String> value = Arbitraries.strings().alpha().numeric().ofMaxLength(40).injectNull(0.25);
        Arbitrary<Long> timestamp = Arbitraries.oneOf(Arbitraries.just(Record.NO_TIMESTAMP),
                Arbitraries.longs().between(0, 2_000_000_000_000L));
        Arbitrary<Write> write = Combinators.combine(key, value, timestamp, Arbitraries.of(false, false, true))
                .as(Write::new);
        Arbitrary<Integer> advance = Arbitraries.oneOf(Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 6_000));
        Arbitrary<Append> append = Combinators.combine(advance, write.list().ofMinSize(1).ofMaxSize(6))
                .as(Append::new);
        return append.list().ofMinSize(1).ofMaxSize(24).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> compressions() {
        return Arbitraries.of("none", "lz4", "zstd");
    }

    @Provide
    Arbitrary<Integer> mapCapacities() {
        return Arbitraries.of(Integer.MAX_VALUE, Integer.MAX_VALUE, 1, 3);
    }
}
