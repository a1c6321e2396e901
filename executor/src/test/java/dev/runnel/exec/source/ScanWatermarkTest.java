package dev.runnel.exec.source;

import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.catalog.TopicSettings;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.exec.testing.CollectingOutput;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.exec.testing.Relations;
import dev.runnel.exec.testing.Rows;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.sql.type.TypeKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Event time in the log scan: per-row {@code _watermark}, the scan's watermark, idle partitions. */
class ScanWatermarkTest {
    static final long NOW = 1_767_225_600_000L;
    static final List<Column> COLUMNS = List.of(Relations.col("k", TypeKind.BIGINT), Relations.col("ts", TypeKind.TIMESTAMP),
            Relations.col("v", TypeKind.BIGINT));
    // full row: k 0, ts 1, v 2, _partition 3, _offset 4, _timestamp 5, _append_time 6, _watermark 7
    static final int WATERMARK = 7;

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(NOW);
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

    RelationDef create(Format format, int partitions, Map<String, String> options) {
        RelationDef r = Relations.timed("ev", COLUMNS, format, partitions, 1, 2, options);
        store.createTopic(r.storage().topic(), TopicSettings.forRelation(r));
        return r;
    }

    /** Appends {@code rows} to partition {@code p} in one write (columnar: one block). */
    void write(RelationDef r, int p, List<List<Object>> rows) {
        LogSink sink = new LogSink(store, r, allocator, clock);
        sink.roundRobinPosition(p);
        try (VectorSchemaRoot b = Rows.toRoot(r.columns(), rows, allocator)) {
            sink.write(b);
        }
    }

    CollectingOutput scanBounded(ScanNode node) {
        CollectingOutput out = new CollectingOutput();
        OperatorContext ctx = new OperatorContext(allocator, List.of(), clock);
        try (LogScanSource source = LogScanSourceFactory.bounded(store).withBatchRows(3).create(node, ctx)) {
            source.open(ctx);
            source.run(out);
        }
        return out;
    }

    static List<List<Object>> events(Long... times) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            rows.add(row((long) i, times[i], 0L));
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"COLUMNAR", "JSON"})
    void eachRowSeesTheWatermarkFormedByTheRowsBeforeItInItsPartitionWhateverTheBatching(Format format) {
        List<List<Object>> rows = events(10L, 5L, 20L, null, 15L, 30L, 29L);
        List<Object> expected = java.util.Arrays.asList(null, 8L, 8L, 18L, 18L, 18L, 28L);
        for (int blockRows : new int[] {1, 2, 7}) {
            if (store.topicExists("ev")) {
                store.deleteTopic("ev");
            }
            RelationDef r = create(format, 1, Map.of());
            for (int from = 0; from < rows.size(); from += blockRows) {
                write(r, 0, rows.subList(from, Math.min(rows.size(), from + blockRows)));
            }
            // with the event-time column, and without it (decoded into a hidden column)
            CollectingOutput both = scanBounded(Relations.scan(r, 0, 1, WATERMARK));
            CollectingOutput hidden = scanBounded(Relations.scan(r, 0, WATERMARK));
            assertThat(both.rows).extracting(x -> x.get(2)).as("blocks of %d", blockRows).containsExactlyElementsOf(expected);
            assertThat(hidden.rows).extracting(x -> x.get(1)).containsExactlyElementsOf(expected);
            assertThat(hidden.rows).allMatch(x -> x.size() == 2);
            // the scan's watermark after each batch: advancing only, then the end of input
            assertThat(both.watermarks).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates()
                    .endsWith(28L, Long.MAX_VALUE);
            assertThat(hidden.watermarks).isEqualTo(both.watermarks);
        }
    }

    @Test
    void aScanWithoutEventTimeStillClosesEverythingAtTheEndOfABoundedScan() {
        RelationDef r = create(Format.COLUMNAR, 2, Map.of());
        write(r, 0, events(10L, 20L));
        CollectingOutput out = scanBounded(Relations.scan(r, 0, 2));
        assertThat(out.rows).hasSize(2);
        assertThat(out.watermarks).containsExactly(Long.MAX_VALUE);
    }

    @Test
    void theScanWatermarkIsTheMinimumOverPartitions() {
        RelationDef r = create(Format.COLUMNAR, 2, Map.of());
        write(r, 0, events(100L, 200L, 300L));
        write(r, 1, events(50L));
        write(r, 0, events(400L));
        write(r, 1, events(250L));
        CollectingOutput out = scanBounded(Relations.scan(r, 1, 3, WATERMARK));
        // partitions are read in turn: p0 [100..300] (p1 holds it at none), p1 [50] -> 48, p0 [400], p1 [250] -> 248
        assertThat(out.watermarks).containsExactly(48L, 248L, Long.MAX_VALUE);
        // each row's _watermark is its own partition's
        assertThat(out.rows).contains(row(400L, 0, 298L), row(250L, 1, 48L));
    }

    /** Runs an unbounded scan on a thread; watermarks and row counts are collected thread-safely. */
    final class Tail implements AutoCloseable {
        final List<Long> watermarks = Collections.synchronizedList(new ArrayList<>());
        volatile int rows;
        final LogScanSource source;
        final Thread thread;

        Tail(ScanNode node) {
            OperatorContext ctx = new OperatorContext(allocator, List.of(), clock);
            source = LogScanSourceFactory.unbounded(store).create(node, ctx);
            source.open(ctx);
            thread = new Thread(() -> source.run(new Output() {
                @Override
                public void emit(VectorSchemaRoot batch) {
                    rows += batch.getRowCount();
                }

                @Override
                public void watermark(long w) {
                    watermarks.add(w);
                }

                @Override
                public void finish() {}
            }));
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            source.cancel();
            thread.join(5000);
            assertThat(thread.isAlive()).isFalse();
            source.close();
        }
    }

    @Test
    void anIdlePartitionStopsHoldingTheWatermarkOnceItsIdleTimeoutPasses() throws Exception {
        RelationDef r = create(Format.COLUMNAR, 2, Map.of("idle_timeout", "5 s"));
        write(r, 0, events(1000L, 2000L));
        try (Tail tail = new Tail(Relations.scan(r, 0, WATERMARK))) {
            SinkScanTest.waitFor(() -> tail.rows == 2);
            Thread.sleep(300); // the scan has waited for data a few times
            assertThat(tail.watermarks).isEmpty(); // partition 1 never had an event
            clock.advance(4_000);
            write(r, 0, events(3000L)); // partition 0 stays active
            SinkScanTest.waitFor(() -> tail.rows == 3);
            Thread.sleep(300);
            assertThat(tail.watermarks).isEmpty();
            clock.advance(1_001); // partition 1 now silent for 5.001 s since the scan opened
            SinkScanTest.waitFor(() -> !tail.watermarks.isEmpty());
            assertThat(tail.watermarks).containsExactly(2998L);
            clock.advance(10_000); // now both are idle: the largest partition watermark counts, unchanged
            Thread.sleep(300);
            write(r, 1, events(500L)); // partition 1 wakes up behind: the watermark does not go back
            write(r, 0, events(4000L));
            SinkScanTest.waitFor(() -> tail.rows == 5);
            Thread.sleep(300);
            assertThat(tail.watermarks).containsExactly(2998L);
        }
    }

    @Test
    void withoutAnIdleTimeoutAnEmptyPartitionHoldsTheWatermarkForever() throws Exception {
        RelationDef r = create(Format.COLUMNAR, 2, Map.of());
        write(r, 0, events(1000L, 2000L));
        try (Tail tail = new Tail(Relations.scan(r, 0, WATERMARK))) {
            SinkScanTest.waitFor(() -> tail.rows == 2);
            clock.advance(86_400_000L);
            Thread.sleep(300);
            assertThat(tail.watermarks).isEmpty();
            write(r, 1, events(1500L));
            SinkScanTest.waitFor(() -> !tail.watermarks.isEmpty());
            assertThat(tail.watermarks).containsExactly(1498L);
        }
    }
}
