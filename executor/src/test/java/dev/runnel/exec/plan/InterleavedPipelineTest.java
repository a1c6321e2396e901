package dev.runnel.exec.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.catalog.TopicSettings;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.sink.RowCollector;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.exec.testing.Relations;
import dev.runnel.exec.testing.Rows;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.UnionAllNode;
import dev.runnel.sql.RunnelSqlException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline with two unbounded scans of the real log (a UNION ALL of two tailing streams) takes
 * turns between them on one thread: rows of both arrive while it runs, also rows appended later;
 * idle, it waits without spinning; {@link Pipeline#cancel} stops it; the union's watermark is the
 * minimum of both scans'; and a run checkpointed midway and restored continues with exactly the
 * rows and watermarks of an uninterrupted run.
 */
class InterleavedPipelineTest {
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(StreamingPipelineTest.NOW);
    EmbeddedLogStore store;
    RootAllocator allocator;
    RelationDef left;
    RelationDef right;

    @BeforeEach
    void open() {
        store = EmbeddedLogStore.open(StoreOptions.at(dir).withClock(clock).withoutBackgroundThreads());
        allocator = new RootAllocator();
        left = create("left_s");
        right = create("right_s");
    }

    @AfterEach
    void close() {
        store.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    RelationDef create(String name) {
        RelationDef r = Relations.timed(name, StreamingPipelineTest.COLUMNS, Format.COLUMNAR, 1, 2, 100, Map.of());
        store.createTopic(r.storage().topic(), TopicSettings.forRelation(r));
        return r;
    }

    void append(RelationDef r, long auction, long fromTs, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(List.of(auction, (long) i, fromTs + i));
        }
        LogSink sink = new LogSink(store, r, allocator, clock);
        try (VectorSchemaRoot b = Rows.toRoot(r.columns(), rows, allocator)) {
            sink.write(b);
        }
    }

    PhysicalNode union() {
        return new UnionAllNode(List.of(Relations.scan(left, 0, 1, 2), Relations.scan(right, 0, 1, 2)),
                Relations.scan(left, 0, 1, 2).schema());
    }

    PlanBuilder builder() {
        return new PlanBuilder(new ExprCompiler(), LogScanSourceFactory.unbounded(store).withBatchRows(50)
                .withFetchBytes(4096));
    }

    /** Rows and watermarks in arrival order, readable from another thread. */
    static final class Events implements Output {
        final List<Object> events = new ArrayList<>();

        @Override
        public synchronized void emit(VectorSchemaRoot batch) {
            events.addAll(RowCollector.toRows(batch));
        }

        @Override
        public synchronized void watermark(long watermark) {
            events.add("wm " + watermark);
        }

        @Override
        public void finish() {}

        synchronized long rows(long auction) {
            return events.stream().filter(e -> e instanceof List<?> l && l.get(0).equals(auction)).count();
        }

        synchronized long rows() {
            return events.stream().filter(e -> e instanceof List<?>).count();
        }

        synchronized long lastWatermark() {
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i) instanceof String s) {
                    return Long.parseLong(s.substring(3));
                }
            }
            return Long.MIN_VALUE;
        }
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waited too long").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    @Timeout(60)
    void bothUnboundedScansDeliverWhileTheyRunIdleWithoutSpinningAndStopOnCancel() throws Exception {
        append(left, 1, 1_000, 300);
        append(right, 2, 1_000, 200);
        Events sink = new Events();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Pipeline p = builder().build(union(), sink, allocator, List.of(), clock);
        Thread runner = new Thread(() -> {
            try {
                p.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "interleaved-run");
        runner.start();
        try {
            await(() -> sink.rows(1) == 300 && sink.rows(2) == 200);
            // the union's watermark is the minimum of both scans': both reached ts 1199 - 100 at least
            await(() -> sink.lastWatermark() == 1_199 - 100);
            append(right, 2, 5_000, 100); // only the right stream moves on: the watermark stays with the left
            await(() -> sink.rows(2) == 300);
            assertThat(sink.lastWatermark()).isEqualTo(1_299 - 100);
            append(left, 1, 6_000, 10);
            await(() -> sink.rows(1) == 310 && sink.lastWatermark() == 5_099 - 100);

            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu = threads.getThreadCpuTime(runner.getId());
            Thread.sleep(500);
            long busy = threads.getThreadCpuTime(runner.getId()) - cpu;
            assertThat(busy).as("CPU time of the idle run over 500 ms (ns)").isLessThan(150_000_000L);
        } finally {
            p.cancel();
            runner.join(5_000);
            p.close();
        }
        assertThat(runner.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(RunnelSqlException.class);
        assertThat(((RunnelSqlException) failure.get()).sqlState()).isEqualTo("57014");
    }

    /** Cancels the run once {@code rows} rows went through (a push query's user cancelling). */
    static class UntilRows implements Pipeline.Hooks {
        final Events sink;
        final long rows;
        int between;

        UntilRows(Events sink, long rows) {
            this.sink = sink;
            this.rows = rows;
        }

        @Override
        public void between(Pipeline pipeline) {
            between++;
            if (sink.rows() >= rows) {
                pipeline.cancel();
            }
        }
    }

    void run(Output sink, Pipeline.Hooks hooks) {
        try (Pipeline p = builder().build(union(), sink, allocator, List.of(), clock)) {
            assertThat(p.interleaved()).isTrue();
            p.run(hooks);
        } catch (RunnelSqlException e) {
            assertThat(e.sqlState()).isEqualTo("57014");
        }
    }

    @Test
    @Timeout(60)
    void aRunRestoredFromAMidwayCheckpointContinuesExactlyAsAnUninterruptedOne() {
        for (int i = 0; i < 8; i++) { // blocks of different sizes, so fetches cut them differently
            append(left, 1, 1_000 + i * 500, 120 + i * 7);
            append(right, 2, 1_100 + i * 500, 90 + i * 11);
        }
        long total = 0;
        for (int i = 0; i < 8; i++) {
            total += 120 + i * 7 + 90 + i * 11;
        }
        Events whole = new Events();
        UntilRows counting = new UntilRows(whole, total);
        run(whole, counting);
        assertThat(whole.rows()).isEqualTo(total);
        for (int cut : new int[] {counting.between / 4, counting.between / 2, counting.between - 3}) {
            Events before = new Events();
            byte[][] state = new byte[1][];
            int[] delivered = {-1};
            run(before, new UntilRows(before, total) {
                @Override
                public void between(Pipeline pipeline) {
                    if (++between == cut) {
                        state[0] = snapshot(pipeline);
                        delivered[0] = before.events.size();
                        pipeline.cancel();
                    }
                }
            });
            assertThat(state[0]).isNotNull();
            Events after = new Events();
            long remaining = total - before.events.subList(0, delivered[0]).stream().filter(e -> e instanceof List<?>)
                    .count();
            run(after, new UntilRows(after, remaining) {
                @Override
                public void opened(Pipeline pipeline) {
                    try {
                        pipeline.restore(new DataInputStream(new ByteArrayInputStream(state[0])));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            List<Object> restored = new ArrayList<>(before.events.subList(0, delivered[0]));
            restored.addAll(after.events);
            assertThat(restored).as("rows and watermarks, checkpoint at %d of %d", cut, counting.between)
                    .isEqualTo(whole.events);
        }
    }

    static byte[] snapshot(Pipeline p) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            p.snapshot(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
