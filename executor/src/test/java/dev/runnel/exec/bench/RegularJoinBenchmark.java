package dev.runnel.exec.bench;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.engine.UpdateResult;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.source.ReplayScans;
import dev.runnel.planner.physical.PhysicalNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Joins of a stream with an upsert table, run as continuous plans (the plan a push query or view
 * runs) over the log: 2,000,000 bids (columnar) and a table of 100,000 users (json, one row per key,
 * then 50,000 updates of random users), the sources taking turns ({@link ReplayScans}) until both
 * end. {@code regular}: {@code bids b LEFT JOIN users u ON b.bidder = u.id}, a regular join
 * (StreamingJoinOperator: both sides kept, a user's update retracts and re-emits its joined bids;
 * state.ttl of a day, which nothing reaches); {@code lookup}: the same AS OF PROCTIME(), a lookup join
 * (TemporalJoinOperator: the table's current rows only, nothing revised). Score: input rows (bids +
 * table changes) per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class RegularJoinBenchmark {
    static final int BIDS = 2_000_000;
    static final int USERS = 100_000;
    static final int UPDATES = 50_000;
    static final String REGULAR = "SELECT b.auction, b.price, u.name, u.city FROM bids b LEFT JOIN users u"
            + " ON b.bidder = u.id";
    static final String LOOKUP = "SELECT b.auction, b.price, u.name, u.city FROM bids b LEFT JOIN users"
            + " FOR SYSTEM_TIME AS OF PROCTIME() AS u ON b.bidder = u.id";

    @Param({"regular", "lookup"})
    public String join;

    Path dir;
    Engine engine;
    RootAllocator allocator;
    PlanBuilder builder;
    PhysicalNode plan;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("runnel-regular-join-bench");
        Path bids = dir.resolve("bids.csv");
        Path users = dir.resolve("users.json");
        write(bids, users);
        engine = Engines.open(EngineConfig.memory().withoutBackgroundThreads());
        try (Session session = engine.openSession()) {
            session.execute("CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT)"
                    + " WITH (partitions = 1, format = 'columnar')").close();
            session.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR)"
                    + " WITH (partitions = 1, format = 'json')").close();
            load(session, "COPY bids FROM '" + bids + "' WITH (format = 'csv')", BIDS);
            load(session, "COPY users FROM '" + users + "'", USERS + UPDATES);
        }
        Files.delete(bids);
        Files.delete(users);
        allocator = new RootAllocator();
        builder = new PlanBuilder(new ExprCompiler(), new ReplayScans(engine.log()))
                .withStateTtl(TimeUnit.DAYS.toMillis(1));
        plan = BenchPipelines.plan(engine, join.equals("regular") ? REGULAR : LOOKUP);
    }

    private static void load(Session session, String copy, long rows) {
        UpdateResult loaded = (UpdateResult) session.execute(copy);
        if (loaded.count() != rows) {
            throw new IllegalStateException("loaded " + loaded.count() + " rows: " + loaded.warnings());
        }
    }

    private static void write(Path bids, Path users) throws IOException {
        SplittableRandom random = new SplittableRandom(8);
        String[] cities = {"Oslo", "Rome", "Lima", "Kyiv", "Pune"};
        try (BufferedWriter b = Files.newBufferedWriter(bids); BufferedWriter u = Files.newBufferedWriter(users)) {
            for (int i = 0; i < BIDS; i++) {
                b.write(i / 10 + "," + random.nextInt(USERS + USERS / 10) + "," + random.nextInt(10_000) + "\n");
            }
            for (int i = 0; i < USERS + UPDATES; i++) {
                int id = i < USERS ? i : random.nextInt(USERS);
                u.write("{\"id\":" + id + ",\"name\":\"user" + random.nextInt(1000) + "\",\"city\":\""
                        + cities[random.nextInt(cities.length)] + "\"}\n");
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BIDS + USERS + UPDATES)
    public long streamTableJoin(Blackhole bh) {
        long rows = BenchPipelines.run(builder, plan, allocator, bh);
        if (rows < BIDS) {
            throw new IllegalStateException("only " + rows + " rows out");
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
