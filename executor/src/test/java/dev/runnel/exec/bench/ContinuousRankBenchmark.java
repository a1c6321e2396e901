package dev.runnel.exec.bench;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.source.ReplayScans;
import dev.runnel.planner.physical.PhysicalNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The continuous plans of Nexmark q19, q18 and q5's window half over 2M Nexmark-shaped bids
 * ({@link NexmarkBids}: about one a millisecond, ~1,000 auctions; columnar, one partition), the
 * plan a push query or view runs, its scan ending at the log end ({@link ReplayScans}):
 * <ul>
 *   <li>{@code topN}: the 10 highest bids of each auction, a regular Top-N emitting a changelog
 *       folded per input batch;</li>
 *   <li>{@code dedup}: the last bid of each (bidder, auction), a keep-last deduplication;</li>
 *   <li>{@code hop}: bids per auction over 10-second windows sliding by 2 seconds (five windows a
 *       row).</li>
 * </ul>
 * Score: input rows per second ({@code @OperationsPerInvocation} = rows).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx3g"})
public class ContinuousRankBenchmark {
    static final int ROWS = 2_000_000;
    static final Map<String, String> QUERIES = Map.of(
            "topN", "SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rn "
                    + "FROM bids) WHERE rn <= 10",
            "dedup", "SELECT auction, bidder, price, channel, url, date_time, extra FROM (SELECT *, ROW_NUMBER() "
                    + "OVER (PARTITION BY bidder, auction ORDER BY date_time DESC) AS rn FROM bids) WHERE rn <= 1",
            "hop", "SELECT auction, COUNT(*) AS num, window_start, window_end FROM TABLE(HOP(TABLE bids, "
                    + "DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) "
                    + "GROUP BY auction, window_start, window_end");

    @Param({"topN", "dedup", "hop"})
    public String query;

    Path dir;
    Engine engine;
    RootAllocator allocator;
    PlanBuilder builder;
    PhysicalNode plan;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("runnel-rank-bench");
        engine = BenchPipelines.bidsEngine(dir, ROWS, "partitions = 1, format = 'columnar'");
        allocator = new RootAllocator();
        builder = new PlanBuilder(new ExprCompiler(), new ReplayScans(engine.log()));
        plan = BenchPipelines.plan(engine, QUERIES.get(query));
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long continuous(Blackhole bh) {
        long rows = BenchPipelines.run(builder, plan, allocator, bh);
        if (rows == 0) {
            throw new IllegalStateException("no rows out");
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
