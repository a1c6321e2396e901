package dev.runnel.exec.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.plan.Pipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * MATCH_RECOGNIZE goldens under {@code executor/src/test/resources/streaming-cep/}: a case is
 * {@code NAME.sql} (a CREATE STREAM, then the query; {@code -- input: data/FILE.csv} names its
 * input, made by {@link CepInputs}, and {@code -- sentinel: (...)} a row far in the future, in a
 * partition of its own, that moves the watermark past every input row) and {@code NAME.out}, its
 * sorted rows as csv, from Apache Flink SQL 2.3 ({@code flink/NAME.sql}, run by the oracle in
 * {@code ../shared/oracle/flink}; a case marked {@code -- runnel-only:} was worked out by hand).
 * Each case runs three ways, which must all give {@code NAME.out}:
 *
 * <ol>
 *   <li><b>straight</b>: COPY the input, then the query as a pull query;
 *   <li><b>push</b>: {@code SELECT STREAM} the query while the input arrives in small INSERTs from
 *       another session, then the sentinel;
 *   <li><b>restore</b>: the query's plan checkpointed a third and two thirds of the way
 *       ({@link Pipeline#snapshot} between batches, then cancelled), built again and restored to run
 *       to the end: the rows before the checkpoint plus those after are the expected rows.
 * </ol>
 *
 * <p>Regenerating the Flink outputs (build the oracle in a copy, never in the shared folder):
 * <pre>
 * cp -r ../shared/oracle/flink /tmp/flink-oracle &amp;&amp; (cd /tmp/flink-oracle &amp;&amp; mvn -q -B package -DskipTests)
 * cd executor/src/test/resources/streaming-cep
 * /tmp/flink-oracle/flink-sql.sh --var data=$PWD/data --out-dir . flink/*.sql
 * </pre>
 */
class CepGoldenTest {
    static final Path DIR = Path.of("src/test/resources/streaming-cep");
    private static final Pattern STREAM = Pattern.compile("(?is)CREATE\\s+STREAM\\s+(\\w+)");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final int CHUNK_ROWS = 150;
    private static final long WAIT_MILLIS = 60_000;
    private static final long GRACE_MILLIS = 300;

    @Test
    void theCommittedInputsAreWhatTheGeneratorMakes() throws IOException {
        assertThat(Files.readString(DIR.resolve("data/ticks.csv"), StandardCharsets.UTF_8)).isEqualTo(CepInputs.ticks());
        assertThat(Files.readString(DIR.resolve("data/logins.csv"), StandardCharsets.UTF_8))
                .isEqualTo(CepInputs.logins());
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGivesTheExpectedRowsThreeWays() throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(DIR)) {
            cases = files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(4);
        return cases.stream().flatMap(c -> Stream.of(
                DynamicTest.dynamicTest(c.getFileName() + " straight", () -> straight(c)),
                DynamicTest.dynamicTest(c.getFileName() + " push", () -> push(c)),
                DynamicTest.dynamicTest(c.getFileName() + " restore", () -> restore(c))));
    }

    /** How each engine is opened: in memory on the embedded log here; subclasses run on other logs. */
    EngineConfig engineConfig() {
        return EngineConfig.memory();
    }

    /** A case, its stream's name and its sentinel row. */
    record Case(StreamingGoldenTest.Case golden, String stream, String sentinel, Path input) {
        static Case load(Path file) throws IOException {
            StreamingGoldenTest.Case c = StreamingGoldenTest.load(file);
            Matcher m = STREAM.matcher(c.setup().get(0));
            assertThat(m.find()).as(file + " starts with CREATE STREAM").isTrue();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return new Case(c, m.group(1), comment(lines, "-- sentinel:", file),
                    file.resolveSibling(comment(lines, "-- input:", file)).toAbsolutePath());
        }

        private static String comment(List<String> lines, String prefix, Path file) {
            return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip())
                    .findFirst().orElseThrow(() -> new AssertionError(file + " has no " + prefix + " line"));
        }

        List<String> expected() {
            return golden.expected();
        }

        String name() {
            return golden.name();
        }
    }

    private void straight(Path file) throws IOException {
        Case c = Case.load(file);
        try (Engine engine = Engines.open(engineConfig()); Session s = engine.openSession()) {
            c.golden().setup().forEach(s::execute);
            copyInput(s, c);
            assertThat(StreamingGoldenTest.pull(s, c.golden().query())).as(c.name() + ", straight").isEqualTo(c.expected());
        }
    }

    private static void copyInput(Session s, Case c) {
        s.execute("COPY " + c.stream() + " FROM '" + c.input() + "' WITH (format = 'csv')");
    }

    private void push(Path file) throws Exception {
        Case c = Case.load(file);
        try (Engine engine = Engines.open(engineConfig()); Session reader = engine.openSession();
                Session writer = engine.openSession()) {
            c.golden().setup().forEach(writer::execute);
            RowResult r = (RowResult) reader.execute(c.golden().query().replaceFirst("(?i)^SELECT\\b", "SELECT STREAM"));
            assertThat(r.unbounded()).isTrue();
            List<String> rows = new ArrayList<>();
            Thread collector = new Thread(() -> {
                for (List<Object[]> chunk = r.fetch(100); !chunk.isEmpty(); chunk = r.fetch(100)) {
                    synchronized (rows) {
                        chunk.forEach(row -> rows.add(StreamingGoldenTest.line(r, row)));
                    }
                }
            }, "push-collector-" + c.name());
            collector.setDaemon(true);
            collector.start();
            try {
                List<String> input = Files.readAllLines(c.input(), StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank()).toList();
                for (int from = 0; from < input.size(); from += CHUNK_ROWS) {
                    writer.execute("INSERT INTO " + c.stream() + " VALUES " + input.subList(from,
                            Math.min(input.size(), from + CHUNK_ROWS)).stream().map(CepGoldenTest::values)
                            .collect(Collectors.joining(", ")));
                }
                writer.execute("INSERT INTO " + c.stream() + " VALUES " + c.sentinel());
                long deadline = System.currentTimeMillis() + WAIT_MILLIS;
                while (System.currentTimeMillis() < deadline && sorted(rows).size() < c.expected().size()) {
                    Thread.sleep(10);
                }
                Thread.sleep(GRACE_MILLIS); // anything beyond the expected rows shows up as a difference
            } finally {
                r.cancel();
                collector.join(TimeUnit.SECONDS.toMillis(10));
            }
            assertThat(sorted(rows)).as(c.name() + ", push query while the input arrives").isEqualTo(c.expected());
        }
    }

    /** A csv line as a VALUES row: numbers as they are, timestamps as TIMESTAMP literals, the rest quoted. */
    static String values(String csvLine) {
        List<String> values = new ArrayList<>();
        for (String f : csvLine.split(",", -1)) {
            values.add(NUMBER.matcher(f).matches() ? f
                    : TIMESTAMP.matcher(f).matches() ? "TIMESTAMP '" + f + "'" : "'" + f.replace("'", "''") + "'");
        }
        return "(" + String.join(", ", values) + ")";
    }

    private void restore(Path file) throws IOException {
        Case c = Case.load(file);
        try (Engine engine = Engines.open(engineConfig()); Session s = engine.openSession()) {
            c.golden().setup().forEach(s::execute);
            copyInput(s, c);
            RestoreRuns.check(engine, c.name(), c.golden().query(), c.expected());
        }
    }

    private static List<String> sorted(List<String> rows) {
        synchronized (rows) {
            List<String> s = new ArrayList<>(rows);
            Collections.sort(s);
            return s;
        }
    }
}
