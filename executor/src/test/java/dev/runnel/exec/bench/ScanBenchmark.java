package dev.runnel.exec.bench;

import dev.runnel.exec.catalog.TopicSettings;
import dev.runnel.exec.copy.CopyExecutor;
import dev.runnel.exec.copy.CopyOptions;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.source.LogScanSource;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.exec.testing.Relations;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.physical.ScanNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * A bounded scan of 10M stored bids (4 partitions), decode only: every payload column, or three
 * of them plus {@code _offset}, from the columnar format and from json. Reported per row: the
 * score is rows per second. The data is loaded once per trial by COPY (fsync none).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx3g"})
public class ScanBenchmark {
    static final int ROWS = 10_000_000;

    @Param({"COLUMNAR", "JSON"})
    public Format format;

    @Param({"all", "three"})
    public String columns;

    Path dir;
    EmbeddedLogStore store;
    RootAllocator allocator;
    RelationDef bids;
    ScanNode scan;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("runnel-scan-bench");
        Path csv = dir.resolve("bids.csv");
        NexmarkBids.writeCsv(csv, ROWS, 7);
        store = EmbeddedLogStore.open(StoreOptions.at(dir.resolve("data")).withoutBackgroundThreads());
        allocator = new RootAllocator();
        bids = NexmarkBids.stream("bids", format, 4, "none");
        store.createTopic("bids", TopicSettings.forRelation(bids));
        new CopyExecutor(store, allocator, Clock.systemUTC()).copy(bids, csv, CopyOptions.DEFAULTS, null);
        Files.delete(csv);
        scan = columns.equals("all") ? Relations.scan(bids, 0, 1, 2, 3, 4, 5, 6) : Relations.scan(bids, 0, 2, 5, 8);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long scanAllRows(Blackhole bh) {
        OperatorContext ctx = new OperatorContext(allocator, List.of(), Clock.systemUTC());
        long[] rows = new long[1];
        try (LogScanSource source = LogScanSourceFactory.bounded(store).create(scan, ctx)) {
            source.open(ctx);
            source.run(new Output() {
                @Override
                public void emit(VectorSchemaRoot batch) {
                    rows[0] += batch.getRowCount();
                    bh.consume(batch.getVector(0).getValueCount());
                }

                @Override
                public void finish() {}
            });
        }
        if (rows[0] != ROWS) {
            throw new IllegalStateException("scanned " + rows[0]);
        }
        return rows[0];
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
