package dev.runnel.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.bench.NexmarkMain;
import dev.runnel.log.kafka.testing.KafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code runnel-bench cluster} end to end at a tiny scale, on the in-process test broker: a real
 * worker JVM runs the 12 tasks of a GROUP BY view over a 12-partition stream whose 3,000 bids wait
 * in a Kafka transaction until it holds them; the run checks the view against the pull query and
 * reports. (Several processes sharing a view are ClusterFailoverTest's business, in server.)
 */
@Timeout(300)
class ClusterBenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void aWorkerMaintainsTheViewAndTheReportSaysItEqualsThePullQuery() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new NexmarkMain());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(out, true));
        int code = cmd.execute("cluster", "--bootstrap", KafkaBroker.get().bootstrap(), "--processes", "1",
                "--workloads", "view", "--events", "3k", "--worker-heap", "384m", "--dir", dir.toString());
        assertThat(code).as(out.toString()).isZero();
        String report = Files.readString(dir.resolve("report.md"));
        assertThat(report).as(out.toString())
                .contains("| view maintenance | 1 | 12 (A+B) | 1 |")
                .containsPattern("\\| n/a \\| \\d+ \\| [0-9.]+ / [0-9.]+ \\| ok \\|")
                .contains("3,000 bids loaded");
    }

    @Test
    void threadsAreCountedByTheStageTheirNameSays() {
        assertThat(ThreadGroups.of("runnel-task-bid_totals/a3")).isEqualTo(ThreadGroups.STAGE_A);
        assertThat(ThreadGroups.of("runnel-task-bid_totals/b11")).isEqualTo(ThreadGroups.STAGE_B);
        assertThat(ThreadGroups.of("runnel-task-v/0")).isEqualTo(ThreadGroups.SINGLE);
        assertThat(ThreadGroups.of("kafka-producer-network-thread | x")).isEqualTo(ThreadGroups.KAFKA);
        assertThat(ThreadGroups.of("main")).isEqualTo(ThreadGroups.OTHER);
    }
}
