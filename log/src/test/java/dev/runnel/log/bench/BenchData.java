package dev.runnel.log.bench;

import dev.runnel.log.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Records and temp directories shared by the log benchmarks. */
final class BenchData {
    /** Key bytes per record. */
    static final int KEY_BYTES = 10;
    /** Value bytes per record: key + value = 100 bytes (about 106 bytes on disk with the record's varints). */
    static final int VALUE_BYTES = 90;
    static final int BATCH = 1000;

    private BenchData() {}

    /** {@code n} records with distinct 10-byte keys and 90-byte values, no event time (the producer time is used). */
    static List<Record> records(int n) {
        List<Record> out = new ArrayList<>(n);
        byte[] filler = new byte[VALUE_BYTES];
        for (int i = 0; i < VALUE_BYTES; i++) {
            filler[i] = (byte) ('a' + i % 26);
        }
        for (int i = 0; i < n; i++) {
            byte[] key = String.format("key-%06d", i).getBytes(StandardCharsets.US_ASCII);
            byte[] value = filler.clone();
            value[0] = (byte) ('0' + i % 10);
            out.add(Record.of(key, value));
        }
        return out;
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
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
