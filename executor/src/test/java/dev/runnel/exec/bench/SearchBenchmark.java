package dev.runnel.exec.bench;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.search.SearchOperator;
import dev.runnel.exec.search.SearchSet;
import dev.runnel.exec.search.StandingSearch;
import dev.runnel.exec.testing.Relations;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.StatementPlanner;
import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.StatementParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Standing searches (issue 11): {@code searches} searches over Nexmark-shaped bids, each planned
 * from its {@code CREATE SEARCH} text by the planner, matched by the {@link SearchOperator} against
 * in-memory batches of 4096 events (the operator's whole work: index probes, verification, and the
 * output batches of {@code search_name} + the event's columns, into a blackhole). {@code indexed}:
 * true is the index; false evaluates every search's conjunctions on every event (natively, the same
 * atom code, no index): the naive way. Score: events per second, one thread.
 *
 * <p>The mix (seeded): 30% {@code bidder = k}; 20% {@code auction = k AND price > p}; 15% {@code price
 * BETWEEN a AND a + 1000}; 15% {@code url LIKE '<url>&item=<k>%' ESCAPE '\'}; 10% {@code CONTAINS_TOKEN(extra,
 * 'word')}; 10% {@code channel = 'Google' AND bidder IN (k1, k2, k3)}; and 10 searches that do not
 * decompose ({@code MOD(price, 1000) = k}), evaluated on every event by compiled code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class SearchBenchmark {
    static final int BATCHES = 16;
    static final int ROWS = 4096;
    private static final String[] CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
    private static final String[] URLS = {
        "https://www.nexmark.com/mjsf/wvs/spcp/item.htm?query=1&channel_id=1681915904",
        "https://www.nexmark.com/sdsd/dfes/ddsx/item.htm?query=1&channel_id=1375731712",
        "https://www.nexmark.com/qsrr/ssdf/vjmz/item.htm?query=1&channel_id=545259520",
        "https://www.nexmark.com/ioen/ljdf/qizf/item.htm?query=1&channel_id=25165824"};

    @Param({"10000"})
    int searches;

    @Param({"true", "false"})
    boolean indexed;

    private RootAllocator allocator;
    private final List<VectorSchemaRoot> batches = new ArrayList<>();
    private SearchOperator operator;
    private Counting out;

    static final class Counting implements Output {
        Blackhole hole;
        long rows;

        @Override
        public void emit(VectorSchemaRoot batch) {
            rows += batch.getRowCount();
            hole.consume(batch.getVector(0).getValueCount());
        }

        @Override
        public void finish() {}
    }

    static String word(int i) {
        StringBuilder sb = new StringBuilder();
        for (int n = i + 26; n > 0; n /= 26) {
            sb.append((char) ('a' + n % 26));
        }
        return sb.toString();
    }

    @Setup(Level.Trial)
    public void setUp() {
        allocator = new RootAllocator();
        RelationDef bids = Relations.stream("bids", Relations.bidColumns(), Format.COLUMNAR, 4, List.of(0), 5);
        CatalogView catalog = new CatalogView() {
            @Override
            public Optional<RelationDef> find(String name) {
                return name.equalsIgnoreCase("bids") ? Optional.of(bids) : Optional.empty();
            }

            @Override
            public Collection<RelationDef> all() {
                return List.of(bids);
            }
        };
        SplittableRandom r = new SplittableRandom(11);
        List<StandingSearch> list = new ArrayList<>();
        StatementParser parser = new StatementParser();
        StatementPlanner planner = new StatementPlanner();
        for (int i = 0; i < searches; i++) {
            int kind = r.nextInt(100);
            String where;
            if (i < 10) {
                where = "MOD(price, 1000) = " + r.nextInt(1000);
            } else if (kind < 30) {
                where = "bidder = " + (1000 + r.nextInt(1_000_000));
            } else if (kind < 50) {
                where = "auction = " + (1000 + r.nextInt(100_000)) + " AND price > " + r.nextInt(10_000_000);
            } else if (kind < 65) {
                int a = 100 + r.nextInt(10_000_000);
                where = "price BETWEEN " + a + " AND " + (a + 1000);
            } else if (kind < 80) {
                // the url's '_' is escaped: unescaped it would be a wildcard
                where = "url LIKE '" + URLS[r.nextInt(4)].replace("_", "\\_") + "&item=" + (1000 + r.nextInt(100_000))
                        + "%' ESCAPE '\\'";
            } else if (kind < 90) {
                where = "CONTAINS_TOKEN(extra, '" + word(r.nextInt(5000)) + "')";
            } else {
                where = "channel = 'Google' AND bidder IN (" + (1000 + r.nextInt(1_000_000)) + ", "
                        + (1000 + r.nextInt(1_000_000)) + ", " + (1000 + r.nextInt(1_000_000)) + ")";
            }
            PlannedStatement.CreateSearch s = (PlannedStatement.CreateSearch) planner.plan(
                    parser.parse("CREATE SEARCH s" + i + " ON bids WHERE " + where), catalog, Map.of());
            list.add(new StandingSearch("s" + i, s.condition(), null));
        }
        SearchSet set = new SearchSet();
        set.set(list);
        List<Column> full = bids.fullRow();
        RowSchema schema = new RowSchema(full);
        operator = new SearchOperator(set, schema, bids.columns().size(), new ExprCompiler(), indexed);
        out = new Counting();
        operator.open(new OperatorContext(allocator.newChildAllocator("search", 0, Long.MAX_VALUE), List.of(),
                Clock.systemUTC()), out);
        for (int b = 0; b < BATCHES; b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                long auction = 1000 + (r.nextInt(100) < 90 ? r.nextInt(100) : r.nextInt(100_000));
                long bidder = 1000 + (r.nextInt(100) < 90 ? r.nextInt(1000) : r.nextInt(1_000_000));
                long price = 100 + r.nextInt(10_000_000);
                int c = r.nextInt(4);
                StringBuilder extra = new StringBuilder();
                for (int k = r.nextInt(6); k > 0; k--) {
                    extra.append(extra.length() == 0 ? "" : " ").append(word(r.nextInt(5000)));
                }
                long ts = NexmarkBids.T0 + (long) b * ROWS + i;
                rows.add(Arrays.asList(auction, bidder, price, CHANNELS[c], URLS[c] + "&item=" + auction, ts,
                        extra.toString(), 0, (long) i, ts, ts, null));
            }
            batches.add(Vectors.fromRows(schema, rows, allocator));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        operator.close();
        batches.forEach(VectorSchemaRoot::close);
        System.out.printf("%nmatches per event: %.3f%n", out.rows / (double) Math.max(1, eventsSeen));
    }

    private long eventsSeen;
    private long iterationEvents;
    private long iterationCpuNanos;

    /** Events per CPU second of the benchmark thread: what the matching costs, whoever else shares the core. */
    @TearDown(Level.Iteration)
    public void cpu() {
        System.out.printf("%nevents per CPU second: %,.0f%n", iterationEvents / (iterationCpuNanos / 1e9));
        iterationEvents = 0;
        iterationCpuNanos = 0;
    }

    @Benchmark
    @OperationsPerInvocation(BATCHES * ROWS)
    public void match(Blackhole hole) {
        out.hole = hole;
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        for (VectorSchemaRoot b : batches) {
            operator.onBatch(0, b);
        }
        iterationCpuNanos += java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
        iterationEvents += (long) BATCHES * ROWS;
        eventsSeen += (long) BATCHES * ROWS;
    }
}
