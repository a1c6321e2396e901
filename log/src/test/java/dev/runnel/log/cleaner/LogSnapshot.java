package dev.runnel.log.cleaner;

import dev.runnel.log.ConsumedRecord;
import dev.runnel.log.LogStore;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.testing.Records;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A partition's records as read at one moment, and the questions compaction tests ask of them. */
record LogSnapshot(List<ConsumedRecord> records, long startOffset, long endOffset) {

    static LogSnapshot of(LogStore store, TopicPartition tp) {
        return new LogSnapshot(Records.readAll(store, tp, store.logStartOffset(tp)), store.logStartOffset(tp),
                store.logEndOffset(tp));
    }

    /** The records at or after {@code offset}. */
    List<ConsumedRecord> from(long offset) {
        return records.stream().filter(r -> r.offset() >= offset).toList();
    }

    /** Records without a key, which compaction never touches. */
    List<ConsumedRecord> keyless() {
        return records.stream().filter(r -> r.key() == null).toList();
    }

    /** Records with the given key. */
    List<ConsumedRecord> withKey(String key) {
        return records.stream().filter(r -> key.equals(r.keyString())).toList();
    }

    /** The latest value per key as a consumer reading everything would end up with (tombstone = null value). */
    Map<String, String> latestValues() {
        return consumerView(this, this, endOffset);
    }

    /**
     * What a consumer ends up with that read {@code before} up to (excluding) {@code x} and then read
     * on from {@code x} in {@code after}: the latest value per key, a tombstone as a null value.
     */
    static Map<String, String> consumerView(LogSnapshot before, LogSnapshot after, long x) {
        Map<String, String> view = new HashMap<>();
        Stream.concat(before.records.stream().filter(r -> r.offset() < x), after.from(x).stream())
                .filter(r -> r.key() != null)
                .forEach(r -> view.put(r.keyString(), r.valueString()));
        return view;
    }

    /** Whether two reads of one offset are the same record, down to its three clocks and headers. */
    static boolean sameRecord(ConsumedRecord a, ConsumedRecord b) {
        return a.offset() == b.offset() && Arrays.equals(a.key(), b.key()) && Arrays.equals(a.value(), b.value())
                && a.timestamp() == b.timestamp() && a.producerTimestamp() == b.producerTimestamp()
                && a.appendTime() == b.appendTime() && a.headers().equals(b.headers());
    }

    /** Copies a data directory as it is this instant (what a crash would leave), without its lock file. */
    static void copyDirectory(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals(".lock")) {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
