package dev.runnel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The whole harness on a small data set, Runnel only: console summary, report files, docs page. */
@Timeout(180)
class NexmarkCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsTheQueriesAndWritesEveryReport() throws Exception {
        Path docs = dir.resolve("benchmarks.md");
        Files.writeString(docs, "# Benchmarks\n");
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new NexmarkMain());
        cmd.setOut(new PrintWriter(out, true));
        int code = cmd.execute("nexmark", "--events", "20k", "--queries", "q0,q2,q6,q19", "--warmup", "0", "--runs", "1",
                "--out", dir.resolve("out").toString(), "--docs", docs.toString());
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("runnel q0 run 1: 18,400 rows").contains("| q6 | error |")
                .contains("runnel q19 run 1: ");
        for (String f : new String[] {"results.csv", "results.json", "nexmark.svg", "nexmark.md", "side_input.csv"}) {
            assertThat(dir.resolve("out").resolve(f)).exists();
        }
        assertThat(Files.readString(docs)).startsWith("# Benchmarks\n\n## Nexmark\n").contains("| q2 |");
        assertThat(dir.resolve("nexmark.svg")).exists();
    }

    @Test
    void badOptionsAreUsageErrors() {
        CommandLine cmd = new CommandLine(new NexmarkMain());
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cmd.execute("nexmark", "--queries", "q99", "--no-docs", "--out", dir.toString())).isNotZero();
    }
}
