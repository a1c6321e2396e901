package dev.runnel.bench.nexmark.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.bench.nexmark.gen.GeneratorConfig;
import dev.runnel.bench.nexmark.report.QueryResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runnel's side on a small data set: measured runs, a query it cannot run, result rows for the check. */
@Timeout(180)
class RunnelSideTest {
    @TempDir
    Path dir;

    @Test
    void measuresRunsReportsQueriesThatFailAndWritesSortedRows() throws Exception {
        try (RunnelSide side = RunnelSide.open(null)) {
            side.load(GeneratorConfig.defaults(), 20_000, 4_096);
            QueryResult q2 = side.measure("q2", Map.of(), 1, 2, line -> {});
            assertThat(q2.ok()).isTrue();
            assertThat(q2.runs()).hasSize(3).filteredOn(r -> !r.warmup()).hasSize(2);
            assertThat(q2.events()).isEqualTo(20_000);
            assertThat(q2.rows()).isPositive();
            assertThat(q2.eventsPerSecond()).isPositive();
            assertThat(q2.eventsPerCpuSecond()).isPositive();

            // q6 as the reference wrote it refers to an alias of its own SELECT (neither engine runs it)
            QueryResult q6 = side.measure("q6", Map.of(), 1, 1, line -> {});
            assertThat(q6.status()).isEqualTo(QueryResult.ERROR);
            assertThat(q6.error()).contains("42S22");
            assertThat(q6.runs()).isEmpty();

            Path rows = dir.resolve("q2.rows");
            long n = side.writeRows("q2", Map.of(), rows);
            List<String> lines = Files.readAllLines(rows);
            assertThat(lines).hasSize((int) n).isSorted().allMatch(l -> l.matches("\\d+,\\d+"));
            assertThat(n).isEqualTo(q2.rows());
            assertThat(lines).allSatisfy(l -> assertThat(Long.parseLong(l.split(",")[0]) % 123).isZero());
        }
    }

    @Test
    void extraQueriesRunThroughThePlannerAndGiveTheirRows() throws Exception {
        try (RunnelSide side = RunnelSide.open(null)) {
            side.load(GeneratorConfig.defaults(), 50_000, 4_096);
            QueryResult window = side.measure("window-tumble", Map.of(), 0, 1, line -> {});
            assertThat(window.ok()).as(window.error()).isTrue();
            // 50,000 events at 10,000/s of event time: 5 s, one or two 10-second windows, each
            // holding many auctions
            Path rows = dir.resolve("window.rows");
            long n = side.writeRows("window-tumble", Map.of(), rows);
            assertThat(n).isEqualTo(window.rows()).isGreaterThan(100);
            long bids = 0;
            for (String l : Files.readAllLines(rows)) {
                String[] f = l.split(",");
                assertThat(f).hasSize(5);
                assertThat(java.time.LocalDateTime.parse(f[2].replace(' ', 'T')))
                        .isEqualTo(java.time.LocalDateTime.parse(f[1].replace(' ', 'T')).plusSeconds(10));
                bids += Long.parseLong(f[3]);
            }
            assertThat(bids).as("every bid counted in exactly one window").isEqualTo(46_000);

            QueryResult filter = side.measure("filter-project", Map.of(), 0, 1, line -> {});
            assertThat(filter.ok()).as(filter.error()).isTrue();
            // prices are log-uniform between 100 and 10^8: about half are above 100,000
            assertThat(filter.rows()).isBetween(20_000L, 26_000L);
            Path fr = dir.resolve("filter.rows");
            side.writeRows("filter-project", Map.of(), fr);
            assertThat(Files.readAllLines(fr)).allSatisfy(l -> assertThat(Long.parseLong(l.split(",")[2]))
                    .isGreaterThan(200_000L).isEven());
        }
    }
}
