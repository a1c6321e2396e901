package dev.runnel.exec.bench;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.planner.physical.OverAggregateNode;
import dev.runnel.planner.physical.PhysicalNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * OVER aggregates over 2M Nexmark-shaped bids read from the log (columnar, 4 partitions keyed by
 * auction, {@code WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND}, about one bid per
 * millisecond, so a 10-second frame holds about 10 bids of each of ~1,000 auctions), as whole
 * pipelines (scan, OVER operator, a counting sink) to the end of the retained history:
 * <ul>
 *   <li>{@code rangeSumMaxPerAuction}: {@code SUM(price)} and {@code MAX(price) OVER (PARTITION BY
 *       auction ORDER BY date_time RANGE BETWEEN INTERVAL '10' SECOND PRECEDING AND CURRENT ROW)};</li>
 *   <li>{@code rowsSumMaxPerAuction}: the same over {@code ROWS BETWEEN 9 PRECEDING AND CURRENT ROW}.</li>
 * </ul>
 * Every input row comes out, with its values. Score: input events per second
 * ({@code @OperationsPerInvocation} = rows). See docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx3g"})
public class OverBenchmark {
    static final int ROWS = 2_000_000;
    static final String RANGE = "SELECT auction, price, date_time, SUM(price) OVER w AS total, MAX(price) OVER w AS high"
            + " FROM bids WINDOW w AS (PARTITION BY auction ORDER BY date_time"
            + " RANGE BETWEEN INTERVAL '10' SECOND PRECEDING AND CURRENT ROW)";
    static final String ROWS_FRAME = "SELECT auction, price, date_time, SUM(price) OVER w AS total,"
            + " MAX(price) OVER w AS high FROM bids WINDOW w AS (PARTITION BY auction ORDER BY date_time"
            + " ROWS BETWEEN 9 PRECEDING AND CURRENT ROW)";

    Path dir;
    Engine engine;
    RootAllocator allocator;
    PlanBuilder builder;
    PhysicalNode range;
    PhysicalNode rows;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("runnel-over-bench");
        engine = BenchPipelines.bidsEngine(dir, ROWS, "partitions = 4, key = 'auction', format = 'columnar'");
        allocator = new RootAllocator();
        builder = new PlanBuilder(new ExprCompiler(), LogScanSourceFactory.bounded(engine.log()));
        range = plan(RANGE);
        rows = plan(ROWS_FRAME);
    }

    private PhysicalNode plan(String sql) {
        PhysicalNode root = BenchPipelines.plan(engine, sql);
        if (!(root.inputs().get(0) instanceof OverAggregateNode)) {
            throw new IllegalStateException("expected an OVER aggregate, the planner made " + root);
        }
        return root;
    }

    private long run(PhysicalNode plan, Blackhole bh) {
        long out = BenchPipelines.run(builder, plan, allocator, bh);
        if (out < ROWS * 9L / 10) {
            throw new IllegalStateException("only " + out + " rows out of " + ROWS);
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long rangeSumMaxPerAuction(Blackhole bh) {
        return run(range, bh);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long rowsSumMaxPerAuction(Blackhole bh) {
        return run(rows, bh);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        engine.close();
        allocator.close();
        Files.deleteIfExists(dir);
    }
}
