package dev.runnel.log.bench;

import dev.runnel.log.AppendResult;
import dev.runnel.log.Record;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appends batches of 1,000 records of 100 bytes (10-byte key, 90-byte value) to one partition of
 * the embedded store, one thread; the score is records per second. Each iteration starts on a
 * fresh topic (deleted after it), so the disk holds at most one iteration's data.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class AppendBenchmark {

    @Param({"none", "interval", "every-batch"})
    public String fsync;

    private Path dir;
    private EmbeddedLogStore store;
    private List<Record> batch;
    private TopicPartition tp;
    private int iteration;

    @Setup(Level.Trial)
    public void openStore() {
        dir = BenchData.tempDir("runnel-append-bench-");
        // background threads on: fsync = interval relies on the store's flusher
        store = EmbeddedLogStore.open(StoreOptions.at(dir));
        batch = BenchData.records(BenchData.BATCH);
    }

    @Setup(Level.Iteration)
    public void createTopic() {
        String topic = "append-" + iteration++;
        store.createTopic(topic, TopicConfig.DEFAULT.with("fsync", fsync));
        tp = new TopicPartition(topic, 0);
    }

    @TearDown(Level.Iteration)
    public void deleteTopic() {
        store.deleteTopic(tp.topic());
    }

    @TearDown(Level.Trial)
    public void closeStore() {
        try {
            store.close();
        } finally {
            BenchData.deleteRecursively(dir);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.BATCH)
    public List<AppendResult> append() {
        return store.append(tp, batch);
    }
}
