package dev.runnel.exec.bench;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.engine.UpdateResult;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.planner.physical.IntervalJoinNode;
import dev.runnel.planner.physical.PhysicalNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * An interval join of two streams read from the log (columnar, one partition each, event time about
 * one bid a millisecond and one auction every ten, up to 1 s out of order, watermarks 2 s behind):
 * {@code SELECT a.id, a.seller, b.bidder, b.price FROM auctions a JOIN bids b ON a.id = b.auction AND
 * b.date_time BETWEEN a.date_time AND a.date_time + INTERVAL '10' SECOND} (Nexmark q3's shape with a
 * time bound), each bid on one of the 1,000 newest auctions, so most bids find their auction and the
 * state holds about 10 s of each stream. Planned from SQL, built with {@code PlanBuilder} over
 * bounded log scans that take turns, run to the end. Score: input events (bids + auctions) per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx3g"})
public class IntervalJoinBenchmark {
    static final int BIDS = 3_000_000;
    static final int AUCTIONS = BIDS / 10;
    static final String QUERY = "SELECT a.id, a.seller, b.bidder, b.price FROM auctions a JOIN bids b"
            + " ON a.id = b.auction AND b.date_time BETWEEN a.date_time AND a.date_time + INTERVAL '10' SECOND";
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    Path dir;
    Engine engine;
    RootAllocator allocator;
    PlanBuilder builder;
    PhysicalNode join;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("runnel-join-bench");
        Path auctions = dir.resolve("auctions.csv");
        Path bids = dir.resolve("bids.csv");
        write(auctions, bids);
        engine = Engines.open(EngineConfig.memory().withoutBackgroundThreads());
        Engine e = engine;
        Path d = dir;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            e.close();
            d.resolve("auctions.csv").toFile().delete();
            d.resolve("bids.csv").toFile().delete();
            d.toFile().delete();
        }));
        try (Session session = engine.openSession()) {
            session.execute("CREATE STREAM auctions (id BIGINT, seller BIGINT, date_time TIMESTAMP(3), "
                    + "WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) "
                    + "WITH (partitions = 1, format = 'columnar')").close();
            session.execute("CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3), "
                    + "WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) "
                    + "WITH (partitions = 1, format = 'columnar')").close();
            load(session, "auctions", auctions, AUCTIONS);
            load(session, "bids", bids, BIDS);
        }
        Files.delete(auctions);
        Files.delete(bids);
        allocator = new RootAllocator();
        builder = new PlanBuilder(new ExprCompiler(), LogScanSourceFactory.bounded(engine.log()));
        join = BenchPipelines.plan(engine, QUERY);
        if (!contains(join)) {
            throw new IllegalStateException("expected an interval join, the planner made " + join);
        }
    }

    private static void load(Session session, String stream, Path csv, long rows) {
        UpdateResult loaded = (UpdateResult) session.execute("COPY " + stream + " FROM '" + csv
                + "' WITH (format = 'csv')");
        if (loaded.count() != rows) {
            throw new IllegalStateException("loaded " + loaded.count() + " rows: " + loaded.warnings());
        }
    }

    private static boolean contains(PhysicalNode n) {
        return n instanceof IntervalJoinNode || n.inputs().stream().anyMatch(IntervalJoinBenchmark::contains);
    }

    private static void write(Path auctions, Path bids) throws IOException {
        long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        SplittableRandom random = new SplittableRandom(5);
        try (BufferedWriter a = Files.newBufferedWriter(auctions); BufferedWriter b = Files.newBufferedWriter(bids)) {
            for (int i = 0; i < BIDS; i++) {
                long clock = start + i;
                if (i % 10 == 0) {
                    long id = i / 10;
                    a.write(id + "," + (1000 + random.nextInt(5000)) + ","
                            + TS.format(Instant.ofEpochMilli(clock - random.nextInt(1000))) + "\n");
                }
                long auction = Math.max(0, i / 10 - random.nextInt(1000));
                b.write(auction + "," + random.nextInt(100_000) + "," + random.nextInt(10_000) + ","
                        + TS.format(Instant.ofEpochMilli(clock - random.nextInt(1000))) + "\n");
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BIDS + AUCTIONS)
    public long intervalJoin(Blackhole bh) {
        long rows = BenchPipelines.run(builder, join, allocator, bh);
        if (rows < BIDS / 2) {
            throw new IllegalStateException("only " + rows + " joined rows");
        }
        return rows;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        engine.close();
        allocator.close();
        Files.deleteIfExists(dir);
    }
}
