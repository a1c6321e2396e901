package dev.runnel.exec.bench;

import dev.runnel.exec.catalog.TopicSettings;
import dev.runnel.exec.copy.CopyExecutor;
import dev.runnel.exec.copy.CopyOptions;
import dev.runnel.exec.copy.CopyResult;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * COPY of a Nexmark-shaped bids csv (1M rows, generated once) into a columnar stream of 4
 * partitions keyed by auction: parse, key, split by partition, encode Arrow IPC, append.
 * Reported per row, so the score is rows per second. {@code fsync=none} measures the engine;
 * {@code every-batch} adds the disk's fsync of every appended block.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx2g"})
public class CopyBenchmark {
    static final int ROWS = 1_000_000;

    @Param({"none", "every-batch"})
    public String fsync;

    Path dir;
    Path csv;
    EmbeddedLogStore store;
    RootAllocator allocator;
    CopyExecutor copy;
    RelationDef target;
    int run;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("runnel-copy-bench");
        csv = dir.resolve("bids.csv");
        NexmarkBids.writeCsv(csv, ROWS, 42);
        store = EmbeddedLogStore.open(StoreOptions.at(dir.resolve("data")).withoutBackgroundThreads());
        allocator = new RootAllocator();
        copy = new CopyExecutor(store, allocator, Clock.systemUTC());
    }

    @Setup(Level.Invocation)
    public void freshTarget() {
        target = NexmarkBids.stream("bids" + (run++), Format.COLUMNAR, 4, fsync);
        store.createTopic(target.storage().topic(), TopicSettings.forRelation(target));
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long copyBidsCsvIntoColumnarStream() {
        CopyResult r = copy.copy(target, csv, CopyOptions.DEFAULTS, null);
        if (r.rowsLoaded() != ROWS) {
            throw new IllegalStateException("loaded " + r.rowsLoaded());
        }
        return r.rowsLoaded();
    }

    @TearDown(Level.Invocation)
    public void dropTarget() {
        store.deleteTopic(target.storage().topic());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        allocator.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
