package dev.runnel.exec.bench;

import dev.runnel.exec.catalog.TopicSettings;
import dev.runnel.exec.copy.CopyExecutor;
import dev.runnel.exec.copy.CopyOptions;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.exec.testing.Exprs;
import dev.runnel.exec.testing.Relations;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
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
 * Score: input events per second ({@code @OperationsPerInvocation} = rows). Run pinned to one core
 * for the one-core figure (see docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx3g"})
public class WindowBenchmark {
    static final int ROWS = 5_000_000;
    static final DataType BIGINT = DataType.of(TypeKind.BIGINT);

    Path dir;
    EmbeddedLogStore store;
    RootAllocator allocator;
    PlanBuilder builder;
    PhysicalNode tumble;
    PhysicalNode filterProject;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("runnel-window-bench");
        Path csv = dir.resolve("bids.csv");
        NexmarkBids.writeCsv(csv, ROWS, 11);
        store = EmbeddedLogStore.open(StoreOptions.at(dir.resolve("data")).withoutBackgroundThreads());
        allocator = new RootAllocator();
        RelationDef bids = NexmarkBids.stream("bids", Format.COLUMNAR, 4, "none");
        store.createTopic("bids", TopicSettings.forRelation(bids));
        new CopyExecutor(store, allocator, Clock.systemUTC()).copy(bids, csv, CopyOptions.DEFAULTS, null);
        Files.delete(csv);
        builder = new PlanBuilder(new ExprCompiler(), LogScanSourceFactory.bounded(store));

        // auction 0, price 1, date_time 2, _watermark 3 (full row: 7 payload columns, then _partition 7 .. _watermark 11)
        ScanNode windowScan = Relations.scan(bids, 0, 2, 5, 11);
        tumble = new WindowAggregateNode(windowScan, WindowSpec.tumble(2, 10_000), 3, List.of(0), List.of(
                new AggregateCall(AggFunction.COUNT, List.of(), false, -1, BIGINT, "bids"),
                new AggregateCall(AggFunction.MAX, List.of(1), false, -1, BIGINT, "top")), LatePolicy.DROP,
                Schemas.of("auction", BIGINT, "window_start", TypeKind.TIMESTAMP, "window_end", TypeKind.TIMESTAMP,
                        "bids", BIGINT, "top", BIGINT));

        // auction 0, bidder 1, price 2, date_time 3
        ScanNode scan = Relations.scan(bids, 0, 1, 2, 5);
        FilterNode filter = new FilterNode(scan, Exprs.call(Operator.GREATER_THAN, TypeKind.BOOLEAN,
                Exprs.ref(2, BIGINT), Exprs.lit(5_000_000L, TypeKind.BIGINT)));
        filterProject = new ProjectNode(filter, List.of(Exprs.ref(0, BIGINT), Exprs.ref(1, BIGINT),
                Exprs.call(Operator.TIMES, TypeKind.BIGINT, Exprs.ref(2, BIGINT), Exprs.lit(2L, TypeKind.BIGINT)),
                Exprs.ref(3, DataType.of(TypeKind.TIMESTAMP))),
                Schemas.of("auction", BIGINT, "bidder", BIGINT, "price2", BIGINT, "date_time", TypeKind.TIMESTAMP));
    }

    private long run(PhysicalNode plan, Blackhole bh) {
        long[] rows = new long[1];
        Output sink = new Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                rows[0] += batch.getRowCount();
                bh.consume(batch.getVector(0).getValueCount());
            }

            @Override
            public void finish() {}
        };
        try (Pipeline p = builder.build(plan, sink, allocator, List.of(), Clock.systemUTC())) {
            p.run();
        }
        return rows[0];
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
        store.close();
        allocator.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
