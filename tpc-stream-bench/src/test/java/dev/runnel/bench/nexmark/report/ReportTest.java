package dev.runnel.bench.nexmark.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report files, and how the docs page keeps one results block. */
class ReportTest {
    @TempDir
    Path dir;

    static BenchReport report() {
        RunSample warm = new RunSample(1, true, 2_000_000_000L, 1_900_000_000L, 2_000_000_000L, 100 << 20, 1 << 20, 920, 5);
        RunSample r1 = new RunSample(1, false, 500_000_000L, 450_000_000L, 400_000_000L, 90 << 20, 1 << 20, 920, 0);
        RunSample r2 = new RunSample(2, false, 250_000_000L, 240_000_000L, 250_000_000L, 80 << 20, 1 << 20, 920, 0);
        RunSample f1 = new RunSample(1, false, 2_000_000_000L, 1_800_000_000L, 3_000_000_000L, 200 << 20, -1, -1, 10);
        return new BenchReport("2026-11-26T02:00:00Z", new MachineInfo("cpu", 2, 1L << 34, "os", "java", 1.0),
                "runnel-bench nexmark", 1_000_000, Map.of("person", 20_000L, "auction", 60_000L, "bid", 920_000L),
                Map.of("seed", 42), 3_000_000_000L, 1, 2, "abc1234", "pipeline", "flink setup", List.of("q0", "q5"),
                List.of(new QueryResult("runnel", "q0", QueryResult.OK, null, 1_000_000, List.of(warm, r1, r2)),
                        QueryResult.failed("runnel", "q5", QueryResult.UNSUPPORTED, "HOP is not supported yet", 1_000_000),
                        new QueryResult("flink", "q0", QueryResult.OK, null, 1_000_000, List.of(f1)),
                        new QueryResult("flink", "q5", QueryResult.OK, null, 1_000_000, List.of(f1))),
                List.of(new CheckResult("q0", CheckResult.AGREE, 1_000_000, 920, 920, 0, 0, "", List.of())),
                List.of(new LatencyResult("q0", 100_000, 5.0, 850, 2_400, 9_100, 500, true, null),
                        LatencyResult.failed("q5", 100_000, "java.lang.IllegalStateException: boom | bang")));
    }

    @Test
    void theMarkdownHasALatencyTableWhenLatenciesWereMeasured() {
        String md = MarkdownReport.render(report(), null);
        assertThat(md).contains("processing latency while events arrive (100 K events/s for 5 s")
                .contains("| q0 | 850 µs | 2.4 ms | 9.1 ms | 500 | yes |")
                .contains("| q5 | – | – | – | – | java.lang.IllegalStateException: boom \\| bang |");
    }

    @Test
    void mediansIgnoreWarmUpRuns() {
        QueryResult q0 = report().result("runnel", "q0").orElseThrow();
        assertThat(q0.eventsPerSecond()).isEqualTo((2e6 + 4e6) / 2);
        assertThat(q0.eventsPerCpuSecond()).isEqualTo((2.5e6 + 4e6) / 2);
        assertThat(q0.maxPeakHeapBytes()).isEqualTo(90 << 20);
        assertThat(q0.rows()).isEqualTo(920);
    }

    @Test
    void writesJsonCsvSvgAndMarkdown() throws Exception {
        ReportFiles.writeAll(report(), dir);
        assertThat(Files.readString(dir.resolve("results.json"))).contains("\"query\" : \"q5\"").contains("unsupported");
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(csv.get(0)).startsWith("engine,query,status,run,warmup,events,wall_ms");
        assertThat(csv).hasSize(1 + 3 + 1 + 1 + 1);
        assertThat(Files.readString(dir.resolve("nexmark.svg"))).startsWith("<svg").contains("q0").endsWith("</svg>\n");
        String md = Files.readString(dir.resolve("nexmark.md"));
        assertThat(md).contains("| q0 | 3.00 M | 3.25 M | 500 K | 333 K | 6.0× | 9.8× | 920 | agree |")
                .contains("* q5 (unsupported): `HOP is not supported yet`").contains("* Runnel (checkout abc1234): pipeline.");
    }

    @Test
    void theDocsPageKeepsOneResultsBlockAndEverythingAroundIt() {
        String first = DocsUpdater.replace("# Benchmarks\n\ntext\n", "table one\n");
        assertThat(first).startsWith("# Benchmarks\n\ntext\n\n## Nexmark\n\n<!-- nexmark-results:begin")
                .contains("table one").endsWith("<!-- nexmark-results:end -->\n");
        String second = DocsUpdater.replace(first + "\nafter\n", "table two");
        assertThat(second).contains("table two").doesNotContain("table one").endsWith("\nafter\n");
        assertThat(second.split("## Nexmark", -1)).hasSize(2);
    }

    @Test
    void countsAcceptSuffixes() {
        assertThat(Numbers.parseCount("10m")).isEqualTo(10_000_000);
        assertThat(Numbers.parseCount("1.5M")).isEqualTo(1_500_000);
        assertThat(Numbers.parseCount("500k")).isEqualTo(500_000);
        assertThat(Numbers.parseCount("1_000")).isEqualTo(1_000);
        assertThat(Numbers.rate(2_345_678)).isEqualTo("2.35 M");
        assertThat(Numbers.ratio(3, 1)).isEqualTo("3.0×");
    }
}
