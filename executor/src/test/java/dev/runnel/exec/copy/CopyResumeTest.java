package dev.runnel.exec.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.exec.catalog.TopicSettings;
import dev.runnel.exec.format.DeadLetter;
import dev.runnel.exec.testing.Relations;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A COPY that crashes part-way (an injected failure at a step of a batch, leaving the log as a
 * crash would: every acknowledged append whole) and is then run again ends with exactly what one
 * uninterrupted COPY stores: no row lost, none twice, same dead letters, same counts.
 */
class CopyResumeTest {
    @TempDir
    Path dir;
    EmbeddedLogStore store;
    RootAllocator allocator;
    Path csv;

    @BeforeEach
    void open() throws Exception {
        store = EmbeddedLogStore.open(StoreOptions.at(dir.resolve("data")).withoutBackgroundThreads());
        allocator = new RootAllocator();
        csv = dir.resolve("bids.csv");
        Files.write(csv, CopyTestSupport.bidsCsvWithOnePercentBad(5_000, 3).bytes());
    }

    @AfterEach
    void close() {
        store.close();
        allocator.close();
    }

    RelationDef create(String name, Format format, boolean keyed) {
        RelationDef r = Relations.stream(name, Relations.bidColumns(), format, 3, keyed ? List.of(0) : List.of(), 5);
        store.createTopic(name, TopicSettings.forRelation(r));
        return r;
    }

    @ParameterizedTest(name = "{0} crash {1} of batch {2}, keyed={3}")
    @CsvSource({
        "COLUMNAR, after-dead-letters, 3, true",
        "COLUMNAR, after-partition-0, 3, true",
        "COLUMNAR, after-partition-1, 1, true",
        "COLUMNAR, after-checkpoint, 4, true",
        "JSON, after-partition-1, 2, true",
        "JSON, after-checkpoint, 1, true",
        "COLUMNAR, after-partition-2, 2, false",
        "JSON, after-partition-0, 3, false",
    })
    void aCrashedCopyRunAgainStoresExactlyWhatOneCleanRunStores(Format format, String point, int batch, boolean keyed) {
        CopyOptions opts = CopyOptions.DEFAULTS.withHeader(true).withBatchRows(700);
        RelationDef clean = create("clean", format, keyed);
        CopyResult expected = new CopyExecutor(store, allocator, Clock.systemUTC()).copy(clean, csv, opts, null);

        RelationDef crashed = create("crashed", format, keyed);
        AtomicInteger seen = new AtomicInteger();
        String step = keyed ? point : point.replaceAll("after-partition-\\d", "after-partition-");
        CopyExecutor failing = new CopyExecutor(store, allocator, Clock.systemUTC()).withFaultInjection(where -> {
            if ((keyed ? where.equals(step) : where.startsWith(step)) && seen.incrementAndGet() == batch) {
                throw new IllegalStateException("simulated crash " + where);
            }
        });
        assertThatThrownBy(() -> failing.copy(crashed, csv, opts, null)).hasMessageContaining("simulated crash");
        CopyResult resumed = new CopyExecutor(store, allocator, Clock.systemUTC()).copy(crashed, csv, opts, null);

        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.rowsLoaded()).isEqualTo(expected.rowsLoaded());
        assertThat(resumed.rowsRejected()).isEqualTo(expected.rowsRejected());
        List<List<Object>> want = CopyTestSupport.scanPayload(store, clean, allocator);
        List<List<Object>> got = CopyTestSupport.scanPayload(store, crashed, allocator);
        if (keyed) {
            assertThat(got).isEqualTo(want); // same partitions, same order within each
        } else {
            assertThat(got).containsExactlyInAnyOrderElementsOf(want);
        }
        assertThat(CopyTestSupport.deadLetters(store, "crashed.dlq")).extracting(DeadLetter::source)
                .containsExactlyElementsOf(CopyTestSupport.deadLetters(store, "clean.dlq").stream()
                        .map(DeadLetter::source).toList());
    }
}
