package dev.runnel.exec.source;

import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.exec.catalog.TopicSettings;
import dev.runnel.exec.format.DeadLetter;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.exec.testing.CollectingOutput;
import dev.runnel.exec.testing.Relations;
import dev.runnel.exec.testing.Rows;
import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SinkScanTest {
    static final long NOW = 1_767_225_600_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    @TempDir
    Path dir;
    EmbeddedLogStore store;
    RootAllocator allocator;

    @BeforeEach
    void open() {
        store = EmbeddedLogStore.open(StoreOptions.at(dir).withClock(CLOCK).withoutBackgroundThreads());
        allocator = new RootAllocator();
    }

    @AfterEach
    void close() {
        store.close();
        allocator.close();
    }

    static List<List<Object>> bids(int n, long seed) {
        Random r = new Random(seed);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(row((long) r.nextInt(50), (long) r.nextInt(1000), r.nextInt(10) == 0 ? null : (long) r.nextInt(10_000),
                    List.of("web", "app", "ios").get(r.nextInt(3)), "https://example.test/item/" + i,
                    NOW + i * 10L, r.nextBoolean() ? "" : null));
        }
        return rows;
    }

    RelationDef create(RelationDef r) {
        store.createTopic(r.storage().topic(), TopicSettings.forRelation(r));
        return r;
    }

    void write(RelationDef r, List<List<Object>> rows, int batchRows) {
        LogSink sink = new LogSink(store, r, allocator, CLOCK);
        for (int from = 0; from < rows.size(); from += batchRows) {
            try (VectorSchemaRoot b = Rows.toRoot(r.columns(), rows.subList(from, Math.min(rows.size(), from + batchRows)),
                    allocator)) {
                sink.write(b);
            }
        }
    }

    CollectingOutput scan(LogScanSourceFactory factory, dev.runnel.planner.physical.ScanNode node) {
        CollectingOutput out = new CollectingOutput();
        try (LogScanSource source = factory.create(node, ctx())) {
            source.open(ctx());
            source.run(out);
        }
        return out;
    }

    OperatorContext ctx() {
        return new OperatorContext(allocator, List.of(), CLOCK);
    }

    /**
     * Columnar blocks are loaded as vectors over the scan's reused fetch buffer. A receiver that keeps
     * (transfers) an emitted batch instead of copying it must still see its rows after later fetches:
     * the scan then reads into a new buffer instead of overwriting the kept one.
     */
    @Test
    void batchesKeptByTheReceiverSurviveLaterFetches() {
        RelationDef bids = create(Relations.bids(Format.COLUMNAR, 2));
        List<List<Object>> rows = bids(6_000, 3);
        write(bids, rows, 100); // blocks of about 10 KB: several per fetch
        List<VectorSchemaRoot> kept = new ArrayList<>();
        dev.runnel.exec.operator.Output keeping = new dev.runnel.exec.operator.Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                List<org.apache.arrow.vector.FieldVector> moved = new ArrayList<>();
                for (org.apache.arrow.vector.FieldVector v : batch.getFieldVectors()) {
                    org.apache.arrow.vector.util.TransferPair t = v.getTransferPair(allocator);
                    t.transfer();
                    moved.add((org.apache.arrow.vector.FieldVector) t.getTo());
                }
                VectorSchemaRoot k = new VectorSchemaRoot(moved);
                k.setRowCount(batch.getRowCount());
                kept.add(k);
            }

            @Override
            public void finish() {}
        };
        try (LogScanSource source = LogScanSourceFactory.bounded(store).withFetchBytes(64 * 1024)
                .create(Relations.scan(bids, 0, 1, 2, 3, 4, 5, 6), ctx())) {
            source.open(ctx());
            source.run(keeping);
        }
        try {
            assertThat(kept.size()).isGreaterThan(4);
            List<List<Object>> got = new ArrayList<>();
            for (VectorSchemaRoot k : kept) {
                got.addAll(Rows.fromRoot(k));
            }
            assertThat(got).containsExactlyInAnyOrderElementsOf(rows);
        } finally {
            kept.forEach(VectorSchemaRoot::close);
        }
    }

    /**
     * A columnar block larger than the fetch size is read whole (the log reads it into a buffer of its
     * own); the scan's fetch buffer then grows to hold such blocks, so the following ones are read into
     * it and loaded as vectors over it, like small blocks, instead of being copied block by block.
     */
    @Test
    void blocksLargerThanTheFetchSizeAreReadWholeAndThenInPlace() {
        RelationDef bids = create(Relations.bids(Format.COLUMNAR, 1));
        List<List<Object>> rows = bids(12_000, 5);
        write(bids, rows, 2_000); // blocks of ~100 KB, six times the fetch size below
        List<List<Object>> got = new ArrayList<>();
        java.util.Set<Object> memory = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        dev.runnel.exec.operator.Output recording = new dev.runnel.exec.operator.Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                got.addAll(Rows.fromRoot(batch));
                memory.add(batch.getVector(0).getDataBuffer().getReferenceManager());
            }

            @Override
            public void finish() {}
        };
        try (LogScanSource source = LogScanSourceFactory.bounded(store).withFetchBytes(16 * 1024)
                .create(Relations.scan(bids, 0, 1, 2, 3, 4, 5, 6), ctx())) {
            source.open(ctx());
            source.run(recording);
        }
        assertThat(got).containsExactlyElementsOf(rows);
        // the first block copied out of the log's buffer, every later one a view of the grown fetch buffer
        assertThat(memory).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"COLUMNAR", "JSON", "CSV"})
    void everyRowComesBackWithContiguousOffsetsPerPartition(Format format) {
        RelationDef bids = create(Relations.bids(format, 4));
        List<List<Object>> rows = bids(10_000, 1);
        write(bids, rows, 3000);
        CollectingOutput out = scan(LogScanSourceFactory.bounded(store), Relations.scanAll(bids));

        assertThat(out.finished).isTrue();
        assertThat(out.batchSizes).allMatch(n -> n > 0 && n <= 4096);
        assertThat(out.rows).hasSize(rows.size());
        // payload columns: the same multiset of rows
        List<List<Object>> payload = out.rows.stream().map(r -> r.subList(0, 7)).toList();
        assertThat(payload).containsExactlyInAnyOrderElementsOf(rows);
        // metadata: per partition, offsets 0..n-1 in order, across blocks; rows of one auction in one partition
        Map<Integer, List<Long>> offsets = new HashMap<>();
        Map<Object, Integer> partitionOfAuction = new HashMap<>();
        for (List<Object> r : out.rows) {
            int p = (Integer) r.get(7);
            offsets.computeIfAbsent(p, k -> new ArrayList<>()).add((Long) r.get(8));
            assertThat(partitionOfAuction.computeIfAbsent(r.get(0), k -> p)).isEqualTo(p);
            assertThat(r.get(9)).isEqualTo(NOW);
            assertThat(r.get(10)).isEqualTo(NOW);
        }
        assertThat(offsets.keySet()).hasSizeGreaterThan(1);
        offsets.forEach((p, list) -> {
            for (int i = 0; i < list.size(); i++) {
                assertThat(list.get(i)).as("offset %d of partition %d", i, p).isEqualTo((long) i);
            }
            assertThat(store.logEndOffset(new TopicPartition("bids", p))).isEqualTo(list.size());
        });
    }

    @Test
    void columnarScanDecodesOnlyTheProjectedColumnsInTheirOrder() {
        RelationDef bids = create(Relations.bids(Format.COLUMNAR, 1));
        List<List<Object>> rows = bids(9000, 2);
        write(bids, rows, 9000); // one block of 9000 rows: sliced into batches
        CollectingOutput out = scan(LogScanSourceFactory.bounded(store), Relations.scan(bids, 8, 3, 2));
        assertThat(out.batchSizes).containsExactly(4096, 4096, 808);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(out.rows.get(i)).isEqualTo(row((long) i, rows.get(i).get(3), rows.get(i).get(2)));
        }
    }

    @Test
    void metadataOnlyScanNeedsNoPayloadColumns() {
        RelationDef bids = create(Relations.bids(Format.COLUMNAR, 2));
        write(bids, bids(100, 3), 100);
        CollectingOutput out = scan(LogScanSourceFactory.bounded(store), Relations.scan(bids, 7, 8));
        assertThat(out.rows).hasSize(100);
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"COLUMNAR", "JSON"})
    void boundedScanStopsAtTheEndCapturedWhenItOpens(Format format) {
        RelationDef bids = create(Relations.bids(format, 3));
        write(bids, bids(500, 4), 100);
        CollectingOutput out = new CollectingOutput();
        try (LogScanSource source = LogScanSourceFactory.bounded(store).create(Relations.scanAll(bids), ctx())) {
            source.open(ctx());
            write(bids, bids(300, 5), 100); // arrives after the scan opened
            source.run(out);
            assertThat(source.stats().rowsEmitted()).isEqualTo(500);
        }
        assertThat(out.rows).hasSize(500);
        assertThat(out.finished).isTrue();
    }

    @Test
    void unboundedScanTailsUntilCancelled() throws Exception {
        RelationDef bids = create(Relations.bids(Format.COLUMNAR, 2));
        write(bids, bids(100, 6), 50);
        CollectingOutput out = new CollectingOutput();
        List<List<Object>> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        dev.runnel.exec.operator.Output sync = new dev.runnel.exec.operator.Output() {
            @Override
            public void emit(VectorSchemaRoot batch) {
                seen.addAll(Rows.fromRoot(batch));
            }

            @Override
            public void finish() {
                out.finish();
            }
        };
        LogScanSource source = LogScanSourceFactory.unbounded(store).create(Relations.scan(bids, 0, 8), ctx());
        source.open(ctx());
        Thread t = new Thread(() -> source.run(sync));
        t.start();
        waitFor(() -> seen.size() == 100);
        write(bids, bids(40, 7), 40);
        waitFor(() -> seen.size() == 140);
        source.cancel();
        t.join(5000);
        assertThat(t.isAlive()).isFalse();
        assertThat(out.finished).isFalse();
        source.close();
    }

    @Test
    void aNullInANotNullColumnIsRefusedAndNothingIsWritten() {
        RelationDef r = create(Relations.stream("strict", List.of(Relations.col("a", TypeKind.BIGINT),
                new Column("b", DataType.of(TypeKind.VARCHAR).notNull())), Format.JSON, 2, List.of(), 5));

        assertThatThrownBy(() -> write(r, List.of(row(1L, "x"), row(2L, null)), 10))
                .isInstanceOf(RunnelSqlException.class)
                .hasMessage("row 2 of the batch written to 'strict' has a NULL in NOT NULL column 'b'");
        assertThat(store.describeTopic("strict").totalRecordsSpan()).isZero();
    }

    @Test
    void tableScanReturnsTheNewestRowPerKeyAndAllNullValuesAreNotDeletes() {
        RelationDef users = create(Relations.table("users", List.of(Relations.col("id", TypeKind.BIGINT),
                Relations.col("name", TypeKind.VARCHAR), Relations.col("city", TypeKind.VARCHAR)), List.of(0), 2));
        write(users, List.of(row(1L, "ann", "oslo"), row(2L, "bob", "rome"), row(3L, "cy", "lima")), 10);
        write(users, List.of(row(1L, "ann", "bergen"), row(3L, null, null)), 10);
        CollectingOutput out = scan(LogScanSourceFactory.bounded(store), Relations.scan(users, 0, 1, 2));
        assertThat(out.rows).containsExactlyInAnyOrder(row(1L, "ann", "bergen"), row(2L, "bob", "rome"),
                row(3L, null, null));
        // a tombstone (from elsewhere) deletes
        store.send("users", List.of(new Record("2".getBytes(), null, Record.NO_TIMESTAMP, List.of())));
        out = scan(LogScanSourceFactory.bounded(store), Relations.scan(users, 0, 1, 2));
        assertThat(out.rows).containsExactlyInAnyOrder(row(1L, "ann", "bergen"), row(3L, null, null));
    }

    @Test
    void undecodableRecordsAreSkippedCountedAndReported() {
        RelationDef bids = create(Relations.bids(Format.JSON, 1));
        write(bids, bids(3, 8), 3);
        TopicPartition tp = new TopicPartition("bids", 0);
        store.append(tp, List.of(Record.of(null, "{not json".getBytes(StandardCharsets.UTF_8)),
                Record.of(null, "{\"auction\": \"x\"}".getBytes(StandardCharsets.UTF_8))));
        write(bids, bids(2, 9), 2);
        List<DeadLetter> reported = new ArrayList<>();
        CollectingOutput out = new CollectingOutput();
        try (LogScanSource source = LogScanSourceFactory.bounded(store).withDeadLetterListener(reported::add)
                .create(Relations.scan(bids, 0, 8), ctx())) {
            source.open(ctx());
            source.run(out);
            assertThat(source.stats().badRecords()).isEqualTo(2);
        }
        assertThat(out.rows).extracting(r -> r.get(1)).containsExactly(0L, 1L, 2L, 5L, 6L);
        assertThat(reported).extracting(DeadLetter::source).containsExactly("bids-0@3", "bids-0@4");
        assertThat(reported.get(1).reason()).isEqualTo("column 'auction': 'x' is not a whole number");
        assertThat(reported.get(0).rawText()).isEqualTo("{not json");
    }

    @Test
    void aForeignBlockInAColumnarTopicIsSkippedWithAllItsOffsets() {
        RelationDef bids = create(Relations.bids(Format.COLUMNAR, 1));
        write(bids, bids(3, 10), 3);
        store.appendPayload(new TopicPartition("bids", 0), ByteBuffer.wrap("junk".getBytes()), 5, NOW, NOW);
        write(bids, bids(2, 11), 2);
        CollectingOutput out = new CollectingOutput();
        try (LogScanSource source = LogScanSourceFactory.bounded(store).create(Relations.scan(bids, 8), ctx())) {
            source.open(ctx());
            source.run(out);
            assertThat(source.stats().badRecords()).isEqualTo(5);
        }
        assertThat(out.rows).extracting(r -> r.get(0)).containsExactly(0L, 1L, 2L, 8L, 9L);
    }

    @Test
    void keylessStreamSpreadsBatchesRoundRobin() {
        RelationDef s = create(Relations.stream("ticks", List.of(Relations.col("v", TypeKind.BIGINT)), Format.COLUMNAR, 3,
                List.of(), null));
        LogSink sink = new LogSink(store, s, allocator, CLOCK);
        for (int i = 0; i < 6; i++) {
            try (VectorSchemaRoot b = Rows.toRoot(s.columns(), List.of(row((long) i), row((long) i)), allocator)) {
                sink.write(b);
            }
        }
        for (int p = 0; p < 3; p++) {
            assertThat(store.logEndOffset(new TopicPartition("ticks", p))).isEqualTo(4);
        }
        CollectingOutput out = scan(LogScanSourceFactory.bounded(store), Relations.scan(s, 0, 1));
        out.rows.sort(Comparator.comparing(r -> (Long) r.get(0)));
        assertThat(out.rows).hasSize(12);
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(5);
        }
    }
}
