package dev.runnel.exec.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every streaming golden ({@code streaming/*.sql}, checked against Flink by {@link StreamingGoldenTest}:
 * windows, window and regular Top-N and deduplication, updating aggregates, OVER, late policies)
 * with a checkpoint and a restart in the middle: a materialized view of the query on a durable
 * engine reads the first half of the input in small INSERTs, a checkpoint is taken (the operators
 * then hold open windows, ranks, rows waiting for the watermark, frames and accumulators), the
 * engine is closed and opened again, the view resumes from the checkpoint, and after the second
 * half (and the sentinel) the view holds exactly the golden's rows: nothing lost, nothing counted twice.
 */
class CheckpointGoldenTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyStreamingGoldenSurvivesARestartFromACheckpoint() throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(StreamingGoldenTest.DIR)) {
            cases = files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    private void check(Path file) throws Exception {
        StreamingGoldenTest.Case c = StreamingGoldenTest.load(file);
        Path data = dir.resolve(c.name());
        List<String> lines = Files.readAllLines(c.input()).stream().filter(l -> !l.isBlank()).toList();
        int half = lines.size() / 2;
        try (Engine engine = Engines.open(EngineConfig.file(data)); Session s = engine.openSession()) {
            c.setup().forEach(s::execute);
            s.execute("SET 'checkpoint.interval' = '20 ms'");
            s.execute("CREATE MATERIALIZED VIEW v AS " + c.query());
            insert(s, lines.subList(0, half));
            Object first = checkpointOf(s);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((first == null || first.equals(checkpointOf(s))) && System.nanoTime() < deadline) {
                Thread.sleep(20); // a checkpoint after the first half was read
            }
            assertThat(checkpointOf(s)).as("a checkpoint after the first half").isNotNull().isNotEqualTo(first);
        }
        try (Engine engine = Engines.open(EngineConfig.file(data)); Session s = engine.openSession()) {
            insert(s, lines.subList(half, lines.size()));
            s.execute("INSERT INTO bids VALUES " + StreamingGoldenTest.SENTINEL);
            assertThat(StreamingGoldenTest.pull(s, "SELECT * FROM v")).as(c.name() + " after a restart")
                    .isEqualTo(StreamingGoldenTest.queryRows(c));
            RowResult r = (RowResult) s.execute("SHOW MATERIALIZED VIEWS");
            Object[] row = r.fetch(10).get(0);
            assertThat(row[r.columns().stream().map(col -> col.name()).toList().indexOf("restored_from")])
                    .as("restored from a checkpoint, not rebuilt").isNotNull();
        }
    }

    private static void insert(Session s, List<String> lines) {
        for (int from = 0; from < lines.size(); from += 400) {
            List<String> values = new ArrayList<>();
            for (String l : lines.subList(from, Math.min(lines.size(), from + 400))) {
                values.add(StreamingGoldenTest.values(l));
            }
            s.execute("INSERT INTO bids VALUES " + String.join(", ", values));
        }
    }

    private static Object checkpointOf(Session s) {
        RowResult r = (RowResult) s.execute("SHOW MATERIALIZED VIEWS");
        Object[] row = r.fetch(10).get(0);
        return row[r.columns().stream().map(c -> c.name()).toList().indexOf("checkpoint")];
    }
}
