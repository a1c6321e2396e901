package dev.runnel.exec.bench;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.WindowAggregateNode;
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
 * Streaming queries over 5M Nexmark-shaped bids read from the log (columnar, 4 partitions keyed by
 * auction, {@code WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND}, about one bid per
 * millisecond), each a whole pipeline (scan with per-row {@code _watermark} and per-batch
 * watermarks, operators, a counting sink) run to the end of the retained history:
 * <ul>
 *   <li>{@code tumbleCountMaxPerAuction}: {@code SELECT auction, window_start, window_end, COUNT(*),
 *       MAX(price) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
 *       GROUP BY auction, window_start, window_end} (500 windows of about 1,000 auctions);</li>
 *   <li>{@code filterProject}: {@code SELECT auction, bidder, price * 2, date_time FROM bids WHERE
 *       price > 5000000} (about half the rows pass).</li>
 * </ul>
 * Both are planned from their SQL by the planner, as a session plans a {@code SELECT}, and built with
 * {@code PlanBuilder} over bounded log scans. Score: input events per second
 * ({@code @OperationsPerInvocation} = rows). Run pinned to one core for the one-core figure (see
 * docs/benchmarks.md). The same two shapes over the Nexmark generator's bids run side by side with
 * Flink as the harness's {@code window-tumble} and {@code filter-project} queries.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx3g"})
public class WindowBenchmark {
    static final int ROWS = 5_000_000;
    static final String TUMBLE = "SELECT auction, window_start, window_end, COUNT(*) AS bids, MAX(price) AS top "
            + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) "
            + "GROUP BY auction, window_start, window_end";
    static final String FILTER_PROJECT = "SELECT auction, bidder, price * 2 AS price2, date_time FROM bids "
            + "WHERE price > 5000000";

    Path dir;
    Engine engine;
    RootAllocator allocator;
    PlanBuilder builder;
    PhysicalNode tumble;
    PhysicalNode filterProject;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("runnel-window-bench");
        engine = BenchPipelines.bidsEngine(dir, ROWS, "partitions = 4, key = 'auction', format = 'columnar'");
        allocator = new RootAllocator();
        builder = new PlanBuilder(new ExprCompiler(), LogScanSourceFactory.bounded(engine.log()));
        tumble = plan(TUMBLE);
        if (!containsWindowAggregate(tumble)) {
            throw new IllegalStateException("expected a window aggregate, the planner made " + tumble);
        }
        filterProject = plan(FILTER_PROJECT);
    }

    private static boolean containsWindowAggregate(PhysicalNode n) {
        return n instanceof WindowAggregateNode || n.inputs().stream().anyMatch(WindowBenchmark::containsWindowAggregate);
    }

    private PhysicalNode plan(String sql) {
        return BenchPipelines.plan(engine, sql);
    }

    private long run(PhysicalNode plan, Blackhole bh) {
        return BenchPipelines.run(builder, plan, allocator, bh);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long tumbleCountMaxPerAuction(Blackhole bh) {
        long out = run(tumble, bh);
        if (out < 100_000) {
            throw new IllegalStateException("only " + out + " window rows");
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long filterProject(Blackhole bh) {
        return run(filterProject, bh);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        engine.close();
        allocator.close();
        Files.deleteIfExists(dir);
    }
}
