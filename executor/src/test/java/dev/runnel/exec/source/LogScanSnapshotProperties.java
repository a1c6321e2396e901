package dev.runnel.exec.source;

import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.catalog.TopicSettings;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.exec.testing.Relations;
import dev.runnel.exec.testing.Rows;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.sql.type.TypeKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A log scan stopped right after any batch or watermark it emitted (inside a fetch, between the
 * slices of a columnar block, between records of a json fetch), its position snapshotted, and a
 * fresh scan restored from it emit exactly what an uninterrupted scan does: the same rows (with
 * their {@code _partition}, {@code _offset} and {@code _watermark}), in the same batches, and the
 * same watermarks, bounded or tailing, over one or several partitions, with fetches of any size.
 */
class LogScanSnapshotProperties {
    static final long NOW = 1_767_225_600_000L;
    static final List<Column> COLUMNS = List.of(Relations.col("k", TypeKind.BIGINT), Relations.col("ts", TypeKind.TIMESTAMP),
            Relations.col("v", TypeKind.BIGINT));

    /** One append: a partition and its rows (columnar: one block). */
    record Append(int partition, List<List<Object>> rows) {}

    record Case(Format format, int partitions, List<Append> appends, int batchRows, int fetchBytes, boolean bounded,
            int cut) {}

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<Object>> event = Combinators.combine(Arbitraries.longs().between(0, 9),
                Arbitraries.longs().between(0, 60).injectNull(0.1), Arbitraries.longs().between(-5, 5))
                .as((k, ts, v) -> row(k, ts, v));
        Arbitrary<Append> append = Combinators.combine(Arbitraries.integers().between(0, 2),
                event.list().ofMinSize(1).ofMaxSize(12)).as(Append::new);
        return Combinators.combine(Arbitraries.of(Format.COLUMNAR, Format.JSON), Arbitraries.integers().between(1, 3),
                append.list().ofMinSize(1).ofMaxSize(12), Arbitraries.integers().between(1, 5),
                Arbitraries.of(200, 700, 2000, 1 << 20), Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 200)).as(Case::new);
    }

    /**
     * A restore must fetch as the interrupted scan did: its fetch buffer had grown for partition 0's
     * first block (larger than 200 bytes), so the next fetch of partition 1 took both of its blocks;
     * a restored scan that started again with 200 bytes fetched them apart and interleaved
     * partition 0's rows between them.
     */
    @Example
    void aRestoreKeepsTheGrownFetchSize() throws IOException {
        List<List<Object>> nulls9 = new ArrayList<>(Collections.nCopies(9, row(0L, null, 0L)));
        nulls9.add(row(0L, 1L, 0L));
        List<List<Object>> nulls3 = new ArrayList<>(Collections.nCopies(3, row(0L, null, 0L)));
        nulls3.add(row(0L, 3L, 0L));
        aRestoredScanEmitsWhatAnUninterruptedOneDoes(new Case(Format.COLUMNAR, 2, List.of(
                new Append(0, nulls9),
                new Append(0, Collections.nCopies(4, row(0L, null, 0L))),
                new Append(0, List.of(row(0L, 2L, 0L))),
                new Append(0, nulls3),
                new Append(1, List.of(row(0L, 0L, 0L))),
                new Append(1, List.of(row(8L, 59L, -1L), row(8L, 59L, -2L), row(3L, 33L, -3L), row(3L, 4L, 2L),
                        row(6L, 18L, -3L), row(2L, 9L, -2L), row(2L, 12L, -2L)))),
                3, 200, true, 72));
    }

    /** The same, cut right after the last slice of partition 0's first block. */
    @Example
    void aRestoreAtTheEndOfABlockKeepsTheGrownFetchSize() throws IOException {
        aRestoredScanEmitsWhatAnUninterruptedOneDoes(new Case(Format.COLUMNAR, 2, List.of(
                new Append(0, List.of(row(0L, null, 0L), row(0L, null, 0L), row(0L, null, 0L), row(0L, null, 0L),
                        row(0L, 0L, 1L), row(0L, 0L, -2L), row(5L, 17L, -1L), row(1L, 46L, -1L), row(4L, 16L, 0L),
                        row(0L, 0L, -1L))),
                new Append(2, List.of(row(4L, 28L, 5L), row(3L, 8L, -4L), row(1L, 1L, -2L), row(8L, 41L, -1L),
                        row(0L, 60L, -1L), row(7L, 29L, -4L), row(8L, 1L, -1L), row(2L, 50L, 0L), row(8L, 1L, -2L))),
                new Append(0, List.of(row(6L, 37L, -3L), row(5L, null, 2L))),
                new Append(0, List.of(row(1L, 8L, 5L), row(5L, 16L, 4L), row(3L, 9L, 0L), row(2L, 52L, 1L),
                        row(0L, 5L, -1L))),
                new Append(1, List.of(row(0L, 2L, -2L))),
                new Append(1, List.of(row(9L, 7L, -1L), row(8L, 59L, -1L), row(8L, 59L, -2L), row(3L, 33L, -3L),
                        row(3L, 4L, 2L), row(6L, 18L, -3L), row(2L, 9L, -2L), row(2L, 12L, -2L)))),
                3, 200, true, 4));
    }

    @Property(tries = 60)
    void aRestoredScanEmitsWhatAnUninterruptedOneDoes(@ForAll("cases") Case c) throws IOException {
        Path dir = Files.createTempDirectory("runnel-scan-snapshot");
        MutableClock clock = new MutableClock(NOW);
        try (EmbeddedLogStore store = EmbeddedLogStore.open(StoreOptions.at(dir).withClock(clock)
                .withoutBackgroundThreads()); BufferAllocator allocator = new RootAllocator()) {
            RelationDef r = Relations.timed("ev", COLUMNS, c.format(), c.partitions(), 1, 2, Map.of());
            store.createTopic(r.storage().topic(), TopicSettings.forRelation(r));
            int total = 0;
            for (Append a : c.appends()) {
                LogSink sink = new LogSink(store, r, allocator, clock);
                sink.roundRobinPosition(a.partition() % c.partitions());
                try (VectorSchemaRoot b = Rows.toRoot(r.columns(), a.rows(), allocator)) {
                    sink.write(b);
                }
                total += a.rows().size();
            }
            LogScanSourceFactory factory = (c.bounded() ? LogScanSourceFactory.bounded(store)
                    : LogScanSourceFactory.unbounded(store).withStart((tp, start, end) -> start))
                    .withBatchRows(c.batchRows()).withFetchBytes(c.fetchBytes());
            ScanNode scan = Relations.scanAll(r);

            Recorder whole = new Recorder(total, -1);
            run(factory, scan, allocator, clock, whole, null);
            int cut = 1 + (c.cut() - 1) % whole.events.size();

            Recorder first = new Recorder(total, cut);
            run(factory, scan, allocator, clock, first, null);
            assertThat(first.state).as("snapshot taken at event %d of %d", cut, whole.events.size()).isNotNull();
            Recorder rest = new Recorder(total - first.rows, -1);
            run(factory, scan, allocator, clock, rest, first.state);

            List<Object> combined = new ArrayList<>(first.events.subList(0, cut));
            combined.addAll(rest.events);
            assertThat(combined).as("cut after event %d", cut).isEqualTo(whole.events);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(LogScanSourceFactory factory, ScanNode scan, BufferAllocator parent, MutableClock clock,
            Recorder out, byte[] state) {
        try (BufferAllocator mine = parent.newChildAllocator("scan", 0, Long.MAX_VALUE)) {
            OperatorContext ctx = new OperatorContext(mine, List.of(), clock);
            try (LogScanSource source = factory.create(scan, ctx)) {
                out.source = source;
                source.open(ctx);
                if (state != null) {
                    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
                        source.restore(in);
                        assertThat(in.available()).isZero();
                    }
                }
                if (out.expectedRows == 0) {
                    source.cancel(); // a tailing scan restored after its last row has nothing more to read
                }
                source.run(out);
            } catch (Stop stop) {
                // the cut: the job died right after its checkpoint
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    /**
     * Records batches (as row lists) and watermarks; snapshots the source at event {@code cut} and
     * stops; cancels a tailing scan once it emitted {@code expectedRows}.
     */
    private static final class Recorder implements Output {
        final List<Object> events = new ArrayList<>();
        final int expectedRows;
        final int cut;
        LogScanSource source;
        int rows;
        byte[] state;

        Recorder(int expectedRows, int cut) {
            this.expectedRows = expectedRows;
            this.cut = cut;
        }

        @Override
        public void emit(VectorSchemaRoot batch) {
            rows += batch.getRowCount();
            events.add(Rows.fromRoot(batch));
            if (rows >= expectedRows) {
                source.cancel();
            }
            event();
        }

        @Override
        public void watermark(long watermark) {
            events.add("wm " + watermark);
            event();
        }

        private void event() {
            if (events.size() == cut) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    source.snapshot(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                state = bytes.toByteArray();
                throw new Stop();
            }
        }

        @Override
        public void finish() {
            events.add("finish");
        }
    }
}
