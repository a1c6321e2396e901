package dev.runnel.bench.nexmark.run;

import dev.runnel.bench.nexmark.gen.GeneratorConfig;
import dev.runnel.bench.nexmark.gen.NexmarkGenerator;
import dev.runnel.bench.nexmark.load.NexmarkLoader;
import dev.runnel.bench.nexmark.query.NexmarkQuery;
import dev.runnel.bench.nexmark.report.LatencyResult;
import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.exec.source.StartPositions;
import dev.runnel.log.TopicPartition;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.StatementPlanner;
import dev.runnel.planner.ddl.ScanStart;
import dev.runnel.sql.StatementParser;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A query's processing latency while events arrive: a fresh in-memory engine, the query running
 * continuously (tailing log scans, the plan of a push query or view) on its own thread, and this
 * thread appending generated events at {@code rate} events per second of wall time, a block every
 * {@link #SLICE_MILLIS} ms. A block's latency is from the moment its append began to the moment
 * the pipeline reports (its scans' progress, after the sink's emit returned) that every row of it has
 * been processed: whatever results it makes due are then out. Results a window holds back until the
 * watermark passes are its semantics, not processing delay, and are not counted. Single-threaded
 * apart from the pipeline's thread.
 */
public final class LatencyRun {
    /** Milliseconds between appended blocks. */
    static final int SLICE_MILLIS = 10;
    private static final long DRAIN_MILLIS = 10_000;

    private LatencyRun() {}

    public static LatencyResult run(NexmarkQuery q, GeneratorConfig config, long rate, double seconds, long stateTtlMillis)
            throws InterruptedException {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session session = engine.openSession();
                RootAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
            NexmarkLoader.createStreams(session);
            for (String stmt : q.setup()) {
                session.execute(stmt).close();
            }
            Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
            Map<TopicPartition, ArrayDeque<long[]>> pending = new HashMap<>();
            Map<TopicPartition, long[]> reported = new HashMap<>(); // the last position processed, and when
            Object lock = new Object();
            PlannedStatement planned = new StatementPlanner().plan(new StatementParser().parse(q.query()),
                    engine.catalog(), Map.of());
            PlanBuilder builder = new PlanBuilder(new ExprCompiler(), LogScanSourceFactory.unbounded(engine.log())
                    .withStart(StartPositions.of(engine.log(), ScanStart.EARLIEST))
                    .withProgress(new dev.runnel.exec.source.LowestScanPositions((tp, next) -> {
                        long now = System.nanoTime();
                        synchronized (lock) {
                            reported.put(tp, new long[] {next, now});
                            ArrayDeque<long[]> blocks = pending.get(tp);
                            while (blocks != null && !blocks.isEmpty() && blocks.peekFirst()[0] <= next) {
                                latency.recordValue(Math.min(now - blocks.pollFirst()[1], latency.getHighestTrackableValue()));
                            }
                            lock.notifyAll();
                        }
                    }))).withStateTtl(stateTtlMillis);
            Output sink = new Output() {
                @Override
                public void emit(VectorSchemaRoot batch) {}

                @Override
                public void finish() {}
            };
            Pipeline pipeline = builder.build(((PlannedStatement.Query) planned).root(), sink, allocator, List.of(),
                    Clock.systemUTC());
            Throwable[] failed = new Throwable[1];
            Thread runner = new Thread(() -> {
                try {
                    pipeline.run();
                } catch (Throwable t) {
                    failed[0] = t;
                }
            }, "latency-" + q.name());
            runner.setDaemon(true);
            runner.start();
            long events = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            List<TopicPartition> partitions = partitions(engine, ((PlannedStatement.Query) planned).root());
            try (NexmarkLoader.Appender appender = new NexmarkLoader.Appender(engine, new NexmarkGenerator(config),
                    (int) Math.min(NexmarkLoader.DEFAULT_BATCH_ROWS, rate * SLICE_MILLIS / 1000 + 1), allocator)) {
                for (long slice = 1; System.nanoTime() < end && failed[0] == null; slice++) {
                    long due = start + TimeUnit.MILLISECONDS.toNanos(slice * SLICE_MILLIS);
                    long target = (long) (rate * (due - start) / 1e9);
                    appender.append(events, target);
                    events = target;
                    long appended = System.nanoTime(); // the block goes to the log now
                    appender.flush();
                    synchronized (lock) {
                        for (TopicPartition tp : partitions) {
                            long endOffset = engine.log().logEndOffset(tp);
                            ArrayDeque<long[]> blocks = pending.computeIfAbsent(tp, k -> new ArrayDeque<>());
                            long[] done = reported.get(tp);
                            if (done != null && done[0] >= endOffset) { // processed before we got here to note it
                                latency.recordValue(Math.max(0, done[1] - appended));
                            } else if (endOffset > 0 && (blocks.isEmpty() || blocks.peekLast()[0] < endOffset)) {
                                blocks.addLast(new long[] {endOffset, appended});
                            }
                        }
                    }
                    long sleep = due - System.nanoTime();
                    if (sleep > 0) {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    }
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            boolean drained = false;
            long drainEnd = System.currentTimeMillis() + DRAIN_MILLIS;
            synchronized (lock) {
                while (failed[0] == null && !(drained = pending.values().stream().allMatch(ArrayDeque::isEmpty))
                        && System.currentTimeMillis() < drainEnd) {
                    lock.wait(50);
                }
            }
            if (!drained && System.getenv("RUNNEL_LATENCY_DEBUG") != null) {
                synchronized (lock) {
                    pending.forEach((tp, b) -> System.err.println(tp + ": " + b.size() + " pending, first "
                            + (b.isEmpty() ? "-" : b.peekFirst()[0]) + ", log end " + engine.log().logEndOffset(tp)));
                }
            }
            pipeline.cancel();
            runner.join(TimeUnit.SECONDS.toMillis(10));
            pipeline.close();
            if (failed[0] != null && !(failed[0] instanceof dev.runnel.sql.RunnelSqlException e
                    && "57014".equals(e.sqlState()))) {
                throw new IllegalStateException(q.name() + " failed while measuring latency: " + failed[0], failed[0]);
            }
            synchronized (lock) {
                return new LatencyResult(q.name(), rate, elapsed, latency.getValueAtPercentile(50) / 1e3,
                        latency.getValueAtPercentile(99) / 1e3, latency.getMaxValue() / 1e3, latency.getTotalCount(),
                        drained, null);
            }
        }
    }

    /** The partitions of the event streams the query reads (the others' blocks are nobody's to process). */
    private static List<TopicPartition> partitions(Engine engine, dev.runnel.planner.physical.PhysicalNode root) {
        List<String> read = dev.runnel.planner.ddl.CreateViewPlanner.reads(root);
        return List.of("person", "auction", "bid").stream().filter(read::contains).map(s -> new TopicPartition(
                engine.catalog().find(s).orElseThrow().storage().topic(), 0)).toList();
    }
}
