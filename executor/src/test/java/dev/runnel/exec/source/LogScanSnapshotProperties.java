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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
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
