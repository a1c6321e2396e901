package dev.runnel.bench.nexmark.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.bench.nexmark.report.CheckResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Comparing two sorted result files as multisets. */
class ResultCheckTest {
    @TempDir
    Path dir;

    @Test
    void equalMultisetsAgree() throws Exception {
        Files.writeString(dir.resolve("a"), "1,x\n1,x\n2,y\n");
        Files.writeString(dir.resolve("b"), "1,x\n1,x\n2,y\n");
        CheckResult c = ResultCheck.compare("q0", 10, dir.resolve("a"), dir.resolve("b"), "note");
        assertThat(c.status()).isEqualTo(CheckResult.AGREE);
        assertThat(c.runnelRows()).isEqualTo(3);
        assertThat(c.flinkRows()).isEqualTo(3);
        assertThat(c.note()).isEmpty();
    }

    @Test
    void missingDuplicatesAndExtraRowsAreCountedOnTheirSide() throws Exception {
        Files.writeString(dir.resolve("a"), "1,x\n1,x\n3,z\n");
        Files.writeString(dir.resolve("b"), "1,x\n2,y\n");
        CheckResult c = ResultCheck.compare("q9", 10, dir.resolve("a"), dir.resolve("b"), "ties");
        assertThat(c.status()).isEqualTo(CheckResult.DIFFER);
        assertThat(c.onlyRunnel()).isEqualTo(2);
        assertThat(c.onlyFlink()).isEqualTo(1);
        assertThat(c.examples()).containsExactly("runnel: 1,x", "flink: 2,y", "runnel: 3,z");
        assertThat(c.note()).isEqualTo("ties");
    }
}
