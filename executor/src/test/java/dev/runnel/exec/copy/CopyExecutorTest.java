package dev.runnel.exec.copy;

import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.exec.catalog.TopicSettings;
import dev.runnel.exec.format.DeadLetter;
import dev.runnel.exec.testing.Relations;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.TypeKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyExecutorTest {
    @TempDir
    Path dir;
    EmbeddedLogStore store;
    RootAllocator allocator;
    CopyExecutor copy;

    @BeforeEach
    void open() {
        store = EmbeddedLogStore.open(StoreOptions.at(dir.resolve("data")).withoutBackgroundThreads());
        allocator = new RootAllocator();
        copy = new CopyExecutor(store, allocator, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
        allocator.close();
    }

    RelationDef create(RelationDef r) {
        store.createTopic(r.storage().topic(), TopicSettings.forRelation(r));
        return r;
    }

    Path file(String name, byte[] content) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Test
    void csvWithOnePercentMalformedRowsLoadsTheGoodOnesAndDeadLettersEveryBadOneWithReasonAndLine() throws Exception {
        RelationDef bids = create(Relations.bids(Format.COLUMNAR, 4));
        CopyTestSupport.Input input = CopyTestSupport.bidsCsvWithOnePercentBad(20_000, 42);
        Path csv = file("bids.csv", input.bytes());
        List<CopyProgress> progress = new ArrayList<>();

        CopyResult result = copy.withReadBuffer(4096).copy(bids, csv,
                CopyOptions.DEFAULTS.withHeader(true).withBatchRows(3000), progress::add);

        assertThat(input.badLines()).hasSize(200);
        assertThat(result.rowsLoaded()).isEqualTo(19_800);
        assertThat(result.rowsRejected()).isEqualTo(200);
        assertThat(result.rowsLoaded() + result.rowsRejected()).isEqualTo(20_000);
        List<List<Object>> stored = CopyTestSupport.scanPayload(store, bids, allocator);
        assertThat(stored).containsExactlyInAnyOrderElementsOf(input.good());

        List<DeadLetter> dead = CopyTestSupport.deadLetters(store, "bids.dlq");
        assertThat(dead).hasSize(200);
        for (int i = 0; i < dead.size(); i++) {
            assertThat(dead.get(i).source()).isEqualTo("bids.csv:" + input.badLines().get(i));
            assertThat(dead.get(i).reason()).contains(input.badReasons().get(i));
            assertThat(dead.get(i).raw()).isNotEmpty();
        }
        CopyProgress last = progress.get(progress.size() - 1);
        assertThat(last).isEqualTo(new CopyProgress(20_000, 19_800, 200, input.bytes().length, input.bytes().length));
    }

    @Test
    void rawBytesOfABadLineAreKeptExactly() throws Exception {
        RelationDef bids = create(Relations.bids(Format.COLUMNAR, 1));
        Path csv = file("one.csv", "1,2,3,web,http://x,2026-01-01 00:00:00,\n4,5,six,web,http://x,2026-01-01 00:00:00,\n"
                .getBytes(StandardCharsets.UTF_8));
        CopyResult r = copy.copy(bids, csv, CopyOptions.DEFAULTS, null);
        assertThat(r.rowsLoaded()).isEqualTo(1);
        DeadLetter d = CopyTestSupport.deadLetters(store, "bids.dlq").get(0);
        assertThat(d).isEqualTo(new DeadLetter("column 'price': 'six' is not a whole number", "one.csv:2",
                "4,5,six,web,http://x,2026-01-01 00:00:00,".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void jsonLinesLoadAndBadLinesAreDeadLettered() throws Exception {
        RelationDef bids = create(Relations.bids(Format.JSON, 2));
        String lines = """
                {"auction": 1, "bidder": 2, "price": 3, "channel": "web", "url": "u", "date_time": "2026-01-01 00:00:01.000"}

                {"auction": 2, "price": "oops"}
                {"auction": 3, "date_time": 1767225601000, "extra": "x"}
                not json at all
                """;
        CopyResult r = copy.copy(bids, file("bids.json", lines.getBytes(StandardCharsets.UTF_8)),
                CopyOptions.parse(java.util.Map.of("format", "json")), null);
        assertThat(r.rowsLoaded()).isEqualTo(2);
        assertThat(r.rowsRejected()).isEqualTo(2);
        assertThat(CopyTestSupport.scanPayload(store, bids, allocator)).containsExactlyInAnyOrder(
                row(1L, 2L, 3L, "web", "u", 1_767_225_601_000L, null),
                row(3L, null, null, null, null, 1_767_225_601_000L, "x"));
        assertThat(CopyTestSupport.deadLetters(store, "bids.dlq")).extracting(DeadLetter::source)
                .containsExactly("bids.json:3", "bids.json:5");
    }

    @Test
    void copyIntoATableUpsertsByKeyAndRejectsNullKeys() throws Exception {
        RelationDef users = create(Relations.table("users", List.of(Relations.col("id", TypeKind.BIGINT),
                Relations.col("name", TypeKind.VARCHAR)), List.of(0), 3));
        Path csv = file("users.csv", "id,name\n1,ann\n2,bob\n,nobody\n1,anne\n".getBytes(StandardCharsets.UTF_8));
        CopyResult r = copy.copy(users, csv, CopyOptions.DEFAULTS.withHeader(true), null);
        assertThat(r.rowsLoaded()).isEqualTo(3);
        assertThat(r.rowsRejected()).isEqualTo(1);
        assertThat(CopyTestSupport.scanPayload(store, users, allocator)).containsExactlyInAnyOrder(row(1L, "anne"),
                row(2L, "bob"));
        assertThat(CopyTestSupport.deadLetters(store, "users.dlq").get(0).reason())
                .isEqualTo("primary key column 'id' is NULL");
    }

    @Test
    void progressIsReportedEveryHundredThousandRowsAndAtTheEnd() throws Exception {
        RelationDef s = create(Relations.stream("nums", List.of(Relations.col("n", TypeKind.BIGINT)), Format.COLUMNAR, 1,
                List.of(), null));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 250_000; i++) {
            sb.append(i).append('\n');
        }
        List<CopyProgress> progress = new ArrayList<>();
        copy.copy(s, file("nums.csv", sb.toString().getBytes(StandardCharsets.UTF_8)), CopyOptions.DEFAULTS,
                progress::add);
        assertThat(progress).extracting(CopyProgress::rowsRead).containsExactly(100_000L, 200_000L, 250_000L);
        assertThat(progress.get(2).rowsLoaded()).isEqualTo(250_000);
        assertThat(progress.get(0).bytesRead()).isBetween(1L, (long) sb.length());
    }

    @Test
    void rerunningACompletedCopyDoesNothingUnlessAskedToReloadOrTheFileChanged() throws Exception {
        RelationDef bids = create(Relations.bids(Format.COLUMNAR, 2));
        CopyTestSupport.Input input = CopyTestSupport.bidsCsvWithOnePercentBad(1000, 7);
        Path csv = file("bids.csv", input.bytes());
        CopyOptions opts = CopyOptions.DEFAULTS.withHeader(true);
        CopyResult first = copy.copy(bids, csv, opts, null);
        CopyResult again = copy.copy(bids, csv, opts, null);
        assertThat(again.alreadyLoaded()).isTrue();
        assertThat(again.rowsLoaded()).isEqualTo(first.rowsLoaded());
        assertThat(CopyTestSupport.scanPayload(store, bids, allocator)).hasSize(990);

        copy.copy(bids, csv, opts.withReload(true), null);
        assertThat(CopyTestSupport.scanPayload(store, bids, allocator)).hasSize(1980);

        Files.write(csv, CopyTestSupport.bidsCsvWithOnePercentBad(100, 8).bytes());
        Files.setLastModifiedTime(csv, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        CopyResult changed = copy.copy(bids, csv, opts, null);
        assertThat(changed.alreadyLoaded()).isFalse();
        assertThat(changed.rowsLoaded()).isEqualTo(99);
    }

    @Test
    void aCopyStatementRunsAgainstTheCatalogAndErrorsPointAtIt() throws Exception {
        dev.runnel.exec.catalog.CatalogStore catalog = dev.runnel.exec.catalog.CatalogStore.open(store);
        catalog.create(Relations.bids(Format.JSON, 2));
        Path csv = file("b.csv", "1,2,3,web,u,2026-01-01 00:00:00,x\n".getBytes(StandardCharsets.UTF_8));
        dev.runnel.sql.SourcePos at = new dev.runnel.sql.SourcePos(3, 1);
        CopyResult r = copy.execute(new dev.runnel.sql.statement.Copy("BIDS", csv.toString(), java.util.Map.of(), at,
                "COPY BIDS FROM '...'"), catalog.snapshot(), null);
        assertThat(r.rowsLoaded()).isEqualTo(1);
        assertThatThrownBy(() -> copy.execute(new dev.runnel.sql.statement.Copy("nope", csv.toString(), java.util.Map.of(),
                at, "COPY nope ..."), catalog.snapshot(), null))
                .isInstanceOf(RunnelSqlException.class).hasMessage("line 3, column 1: unknown stream or table 'nope'")
                .extracting(e -> ((RunnelSqlException) e).sqlState()).isEqualTo("42S02");
        assertThatThrownBy(() -> copy.execute(new dev.runnel.sql.statement.Copy("bids", csv.toString(),
                java.util.Map.of("header", "maybe"), at, "COPY bids ..."), catalog.snapshot(), null))
                .hasMessage("line 3, column 1: COPY option header must be true or false, was 'maybe'");
    }

    @Test
    void errorsNameTheProblem() throws Exception {
        RelationDef bids = create(Relations.bids(Format.COLUMNAR, 1));
        assertThatThrownBy(() -> copy.copy(bids, dir.resolve("missing.csv"), CopyOptions.DEFAULTS, null))
                .isInstanceOf(RunnelSqlException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> CopyOptions.parse(java.util.Map.of("fromat", "csv")))
                .hasMessageContaining("unknown COPY option 'fromat'");
        assertThatThrownBy(() -> CopyOptions.parse(java.util.Map.of("format", "parquet")))
                .hasMessageContaining("'parquet' is not supported");
        assertThatThrownBy(() -> CopyOptions.parse(java.util.Map.of("delimiter", "ab")))
                .hasMessageContaining("exactly one character");
    }
}
