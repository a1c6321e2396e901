package dev.runnel.log.bench;

import dev.runnel.log.FetchResult;
import dev.runnel.log.Record;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordCursor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reads a pre-filled partition of {@value #RECORDS} records of 100 bytes from offset 0 to the end
 * with {@code store.read(tp, offset, 1 MiB)}, stepping through every record with the batch's
 * {@link RecordCursor} and consuming its offset and key/value lengths. One invocation is one full
 * scan; the score is records per second. The data fits the page cache, so this measures the read
 * path, not the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class SequentialReadBenchmark {
    static final int RECORDS = 5_000_000;
    static final int FETCH_BYTES = 1024 * 1024;

    private Path dir;
    private EmbeddedLogStore store;
    private TopicPartition tp;

    @Setup(Level.Trial)
    public void fill() {
        dir = BenchData.tempDir("runnel-read-bench-");
        store = EmbeddedLogStore.open(StoreOptions.at(dir).withoutBackgroundThreads());
        tp = new TopicPartition("read", 0);
        store.createTopic(tp.topic(), TopicConfig.DEFAULT.with("fsync", "none"));
        List<Record> batch = BenchData.records(BenchData.BATCH);
        for (int i = 0; i < RECORDS / BenchData.BATCH; i++) {
            store.append(tp, batch);
        }
        if (store.logEndOffset(tp) != RECORDS) {
            throw new IllegalStateException("fill wrote " + store.logEndOffset(tp) + " records");
        }
    }

    @TearDown(Level.Trial)
    public void cleanUp() {
        try {
            store.close();
        } finally {
            BenchData.deleteRecursively(dir);
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long scan(Blackhole bh) {
        long offset = 0;
        long end = store.logEndOffset(tp);
        long seen = 0;
        while (offset < end) {
            FetchResult r = store.read(tp, offset, FETCH_BYTES);
            for (RecordBatch b : r) {
                RecordCursor c = b.records();
                while (c.next()) {
                    bh.consume(c.keyLength());
                    bh.consume(c.valueLength());
                    seen++;
                }
                offset = b.nextOffset();
            }
        }
        if (seen != RECORDS) {
            throw new IllegalStateException("scan saw " + seen + " records, expected " + RECORDS);
        }
        return offset;
    }
}
