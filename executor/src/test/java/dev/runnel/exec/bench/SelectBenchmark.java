package dev.runnel.exec.bench;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.engine.UpdateResult;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.StatementPlanner;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.sql.StatementParser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
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
 * {@code SELECT auction, bidder, price FROM bids WHERE price > X} over 10M stored Nexmark-shaped
 * bids (a stream of 4 partitions keyed by auction, loaded once per trial by SQL {@code COPY} into an
 * in-memory engine, so with {@code fsync = none}), bounded, end to end. Score: stored (input) rows
 * per second.
 * <ul>
 *   <li>{@link #engine}: the statement is parsed and planned as a session would, then run through
 *       {@link PlanBuilder} with the bounded log scan source on the benchmark thread, into an
 *       {@link Output} that blackholes each batch's row count and reads one value of each output
 *       vector (no per-value conversion: this measures the engine).</li>
 *   <li>{@link #sessionRows}: the same statement through {@link Session#execute} and
 *       {@link RowResult#fetch}: the rows as Java objects, what a JDBC user gets (the query runs on an
 *       engine thread, the benchmark thread reads).</li>
 * </ul>
 * {@code selectivity} is the fraction of rows the filter keeps (prices are uniform in 100 ..
 * 10,000,099). Run: {@code mvn -Pbench -pl executor verify -DskipTests -Djmh.args='SelectBenchmark
 * -f 1 -wi 2 -i 3'}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx3g"})
public class SelectBenchmark {
    static final int ROWS = 10_000_000;
    static final long MIN_PRICE = 100;
    static final long PRICE_RANGE = 10_000_000;

    /** Storage format of the stream: {@code columnar} (the default for streams) or {@code json}. */
    @Param({"columnar", "json"})
    public String format;

    /** Fraction of rows the WHERE keeps. */
    @Param({"0.1", "0.5"})
    public double selectivity;

    /** Projected columns: three BIGINTs, or two BIGINTs and a VARCHAR. */
    @Param({"longs"})
    public String columns;

    Path dir;
    Engine engine;
    Session session;
    RootAllocator allocator;
    PlanBuilder builder;
    String sql;
    PhysicalNode plan;
    long expected = -1;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("runnel-select-bench");
        Path csv = dir.resolve("bids.csv");
        NexmarkBids.writeCsv(csv, ROWS, 7);
        engine = Engines.open(EngineConfig.memory().withoutBackgroundThreads());
        // JMH skips the trial's TearDown when a benchmark method throws: do not leave ~1.3 GB of log behind
        Engine e = engine;
        Path d = dir;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            e.close();
            d.resolve("bids.csv").toFile().delete();
            d.toFile().delete();
        }));
        session = engine.openSession();
        session.execute("CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, "
                + "url VARCHAR, date_time TIMESTAMP(3), extra VARCHAR) "
                + "WITH (partitions = 4, key = 'auction', format = '" + format + "')");
        UpdateResult loaded = (UpdateResult) session.execute("COPY bids FROM '" + csv + "' WITH (format = 'csv')");
        if (loaded.count() != ROWS) {
            throw new IllegalStateException("loaded " + loaded.count() + " rows: " + loaded.warnings());
        }
        Files.delete(csv);
        long threshold = MIN_PRICE + Math.round(PRICE_RANGE * (1 - selectivity));
        String projected = columns.equals("longs") ? "auction, bidder, price" : "auction, price, channel";
        sql = "SELECT " + projected + " FROM bids WHERE price > " + threshold;
        PlannedStatement planned = new StatementPlanner().plan(new StatementParser().parse(sql), engine.catalog(),
                Map.of());
        plan = ((PlannedStatement.Query) planned).root();
        allocator = new RootAllocator();
        builder = new PlanBuilder(new ExprCompiler(), LogScanSourceFactory.bounded(engine.log()));
    }

    /** Consumes a batch's vectors without converting values: its row count, and one value per vector. */
    static final class BlackholeOutput implements Output {
        final Blackhole bh;
        long rows;

        BlackholeOutput(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void emit(VectorSchemaRoot batch) {
            int n = batch.getRowCount();
            rows += n;
            bh.consume(n);
            if (n > 0) {
                for (FieldVector v : batch.getFieldVectors()) {
                    bh.consume(v instanceof BigIntVector b ? b.get(n - 1) : v.getValueCount());
                }
            }
        }

        @Override
        public void finish() {}
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long engine(Blackhole bh) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        BlackholeOutput out = new BlackholeOutput(bh);
        try (Pipeline p = builder.build(plan, out, allocator, List.of(), Clock.systemUTC())) {
            p.run();
        }
        cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu0;
        invocations++;
        return check(out.rows);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long sessionRows(Blackhole bh) {
        long cpu0 = processCpuNanos();
        long rows = 0;
        try (RowResult r = (RowResult) session.execute(sql)) {
            List<Object[]> chunk;
            while (!(chunk = r.fetch(4096)).isEmpty()) {
                rows += chunk.size();
                bh.consume(chunk);
            }
        }
        cpuNanos += processCpuNanos() - cpu0;
        invocations++;
        return check(rows);
    }

    // ---- CPU time: on a shared machine, wall-clock scores include waiting for the core ----

    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    long cpuNanos;
    long invocations;

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        cpuNanos = 0;
        invocations = 0;
    }

    /**
     * Prints rows per CPU second of the iteration: {@code engine} counts the benchmark thread's CPU
     * time (the whole pipeline runs on it), {@code sessionRows} the process's (query thread, reader,
     * and whatever the JIT and GC did meanwhile), so the latter is a lower bound.
     */
    @TearDown(Level.Iteration)
    public void reportCpu() {
        if (invocations > 0 && cpuNanos > 0) {
            System.out.printf("[cpu: %,.0f rows per CPU second over %d runs] ", ROWS * invocations * 1e9 / cpuNanos,
                    invocations);
        }
    }

    /** The first run fixes the expected count; every later run must match it and be near the selectivity. */
    private long check(long rows) {
        if (expected < 0) {
            if (Math.abs(rows - ROWS * selectivity) > ROWS * 0.01) {
                throw new IllegalStateException("selected " + rows + " of " + ROWS + " rows, expected about "
                        + selectivity);
            }
            expected = rows;
        } else if (rows != expected) {
            throw new IllegalStateException("selected " + rows + " rows, earlier " + expected);
        }
        return rows;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        session.close();
        engine.close();
        allocator.close();
        Files.deleteIfExists(dir.resolve("bids.csv"));
        Files.deleteIfExists(dir);
    }
}
