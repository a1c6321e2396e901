package dev.runnel.exec.plan;

import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.catalog.TopicSettings;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.sink.RowCollector;
import dev.runnel.exec.sink.LogLateRowSinks;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.exec.testing.Relations;
import dev.runnel.exec.testing.Rows;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Window plans over the real log: a pull query, a push query fed by many small appends while it
 * runs, and one fed by a single append all give the same windows; an idle partition stops holding
 * windows open after its idle_timeout; late rows routed to a stream can be read back.
 */
class StreamingPipelineTest {
    static final long NOW = 1_767_225_600_000L;
    static final long SENTINEL = 1_000_000_000L;
    static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    static final List<Column> COLUMNS = List.of(Relations.col("auction", TypeKind.BIGINT),
            Relations.col("price", TypeKind.BIGINT), Relations.col("ts", TypeKind.TIMESTAMP));
    // full row: auction 0, price 1, ts 2, _partition 3, _offset 4, _timestamp 5, _append_time 6, _watermark 7

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(NOW);
    EmbeddedLogStore store;
    RootAllocator allocator;

    @BeforeEach
    void open() {
        store = EmbeddedLogStore.open(StoreOptions.at(dir).withClock(clock).withoutBackgroundThreads());
        allocator = new RootAllocator();
    }

    @AfterEach
    void close() {
        store.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    RelationDef create(String name, int partitions, Map<String, String> options) {
        RelationDef r = Relations.timed(name, COLUMNS, Format.COLUMNAR, partitions, 2, 100, options);
        store.createTopic(r.storage().topic(), TopicSettings.forRelation(r));
        return r;
    }

    void append(RelationDef r, int partition, List<List<Object>> rows) {
        LogSink sink = new LogSink(store, r, allocator, clock);
        sink.roundRobinPosition(partition);
        try (VectorSchemaRoot b = Rows.toRoot(r.columns(), rows, allocator)) {
            sink.write(b);
        }
    }

    static WindowAggregateNode windowed(RelationDef r, WindowSpec window, LatePolicy late) {
        ScanNode scan = Relations.scan(r, 0, 1, 2, 7);
        return new WindowAggregateNode(scan, window, 3, List.of(0), List.of(
                new AggregateCall(AggFunction.COUNT, List.of(), false, -1, BIGINT, "n"),
                new AggregateCall(AggFunction.MAX, List.of(1), false, -1, BIGINT, "top")), late,
                Schemas.of("auction", BIGINT, "window_start", TypeKind.TIMESTAMP, "window_end", TypeKind.TIMESTAMP,
                        "n", BIGINT, "top", BIGINT));
    }

    /** Per partition: disordered events of the auctions congruent to the partition, then a far-future sentinel. */
    static List<List<List<Object>>> events(int partitions, int perPartition, long seed) {
        Random random = new Random(seed);
        List<List<List<Object>>> out = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < perPartition; i++) {
                long ts = Math.max(0, i * 10L + random.nextInt(350) - 300);
                rows.add(row((long) (p + partitions * random.nextInt(5)), (long) random.nextInt(1000), ts));
            }
            rows.add(row((long) p, 0L, SENTINEL));
            out.add(rows);
        }
        return out;
    }

    PlanBuilder builder(boolean bounded) {
        LogScanSourceFactory scans = bounded ? LogScanSourceFactory.bounded(store) : LogScanSourceFactory.unbounded(store);
        return new PlanBuilder(new ExprCompiler(), scans.withBatchRows(64), LateRowSinks());
    }

    LogLateRowSinks LateRowSinks() {
        return new LogLateRowSinks(store, name -> store.topicExists(name)
                ? Optional.of(Relations.timed(name, COLUMNS, Format.COLUMNAR, 1, 2, 100, Map.of())) : Optional.empty(), clock);
    }

    List<List<Object>> pull(WindowAggregateNode plan) {
        RowCollector out = new RowCollector();
        try (Pipeline p = builder(true).build(plan, out, allocator, List.of(), clock)) {
            p.run();
        }
        return out.rows();
    }

    /** A push query on a thread, collecting rows thread-safely. */
    final class Push implements AutoCloseable {
        final List<List<Object>> rows = Collections.synchronizedList(new ArrayList<>());
        final Pipeline pipeline;
        final Thread thread;

        Push(WindowAggregateNode plan) {
            pipeline = builder(false).build(plan, new Output() {
                @Override
                public void emit(VectorSchemaRoot batch) {
                    rows.addAll(RowCollector.toRows(batch));
                }

                @Override
                public void finish() {}
            }, allocator, List.of(), clock);
            thread = new Thread(() -> {
                try {
                    pipeline.run();
                } catch (RuntimeException cancelled) {
                    // 57014 when cancelled
                }
            });
            thread.start();
        }

        void waitForRows(int n) throws InterruptedException {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (rows.size() < n) {
                assertThat(System.nanoTime()).as("%d rows within 20 s, have %d", n, rows.size()).isLessThan(deadline);
                Thread.sleep(5);
            }
        }

        @Override
        public void close() throws InterruptedException {
            pipeline.cancel();
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
            pipeline.close();
        }
    }

    static List<List<Object>> beforeSentinel(List<List<Object>> rows) {
        return rows.stream().filter(r -> (Long) r.get(1) < SENTINEL - 1_000_000).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TUMBLE", "HOP", "SESSION"})
    void pullPushWithManySmallAppendsAndPushWithOneAppendGiveTheSameWindows(String kind) throws Exception {
        WindowSpec window = switch (kind) {
            case "TUMBLE" -> WindowSpec.tumble(2, 1000);
            case "HOP" -> WindowSpec.hop(2, 250, 1000);
            default -> WindowSpec.session(2, 120, List.of());
        };
        List<List<List<Object>>> events = events(3, 2000, 42);

        RelationDef small = create("small", 3, Map.of());
        WindowAggregateNode smallPlan = windowed(small, window, LatePolicy.DROP);
        List<List<Object>> pushed;
        try (Push push = new Push(smallPlan)) {
            Random random = new Random(1);
            int[] at = new int[3];
            while (at[0] < events.get(0).size() || at[1] < events.get(1).size() || at[2] < events.get(2).size()) {
                int p = random.nextInt(3);
                int n = Math.min(1 + random.nextInt(40), events.get(p).size() - at[p]);
                if (n > 0) {
                    append(small, p, events.get(p).subList(at[p], at[p] + n));
                    at[p] += n;
                }
            }
            List<List<Object>> pulled = beforeSentinel(pull(smallPlan));
            assertThat(pulled).hasSizeGreaterThan(100);
            push.waitForRows(pulled.size());
            Thread.sleep(200); // and nothing more comes
            pushed = new ArrayList<>(push.rows);
            assertThat(pushed).containsExactlyInAnyOrderElementsOf(pulled);
            if (!kind.equals("HOP")) { // a HOP row is dropped only when all four of its windows are gone
                assertThat(push.pipeline.metrics().lateRowsDropped()).isGreaterThan(0);
            }
        }

        RelationDef whole = create("whole", 3, Map.of());
        try (Push push = new Push(windowed(whole, window, LatePolicy.DROP))) {
            for (int p = 0; p < 3; p++) {
                append(whole, p, events.get(p));
            }
            push.waitForRows(pushed.size());
            Thread.sleep(200);
            assertThat(push.rows).containsExactlyInAnyOrderElementsOf(pushed);
        }
    }

    @Test
    void anIdlePartitionDoesNotHoldWindowsOpenBeyondItsIdleTimeout() throws Exception {
        RelationDef r = create("bids", 2, Map.of("idle_timeout", "10 s"));
        try (Push push = new Push(windowed(r, WindowSpec.tumble(2, 1000), LatePolicy.DROP))) {
            append(r, 0, List.of(row(1L, 5L, 100L), row(1L, 7L, 900L), row(1L, 9L, 1500L), row(1L, 3L, 3000L)));
            Thread.sleep(300);
            clock.advance(9_000);
            Thread.sleep(300);
            assertThat(push.rows).isEmpty(); // partition 1 has never had an event: it holds event time
            clock.advance(1_001);
            push.waitForRows(2); // idle now: partition 0's watermark (3000 - 100) closes two windows
            Thread.sleep(200);
            assertThat(push.rows).containsExactly(row(1L, 0L, 1000L, 2L, 7L), row(1L, 1000L, 2000L, 1L, 9L));
        }
    }

    @Test
    void lateRowsRoutedToAStreamCanBeReadBack() {
        RelationDef r = create("bids", 1, Map.of());
        RelationDef late = create("late_bids", 1, Map.of());
        append(r, 0, List.of(row(1L, 10L, 1000L), row(1L, 20L, 2500L), row(1L, 30L, 500L), row(2L, 40L, 2600L)));
        List<List<Object>> windows = pull(windowed(r, WindowSpec.tumble(2, 1000), new LatePolicy(LatePolicy.Kind.ROUTE,
                0, "late_bids")));
        assertThat(windows).containsExactly(row(1L, 1000L, 2000L, 1L, 10L), row(1L, 2000L, 3000L, 1L, 20L),
                row(2L, 2000L, 3000L, 1L, 40L));
        RowCollector routed = new RowCollector();
        try (Pipeline p = builder(true).build(Relations.scan(late, 0, 1, 2), routed, allocator, List.of(), clock)) {
            p.run();
        }
        assertThat(routed.rows()).containsExactly(row(1L, 30L, 500L));
    }
}
