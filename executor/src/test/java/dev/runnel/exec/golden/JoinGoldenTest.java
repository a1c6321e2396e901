package dev.runnel.exec.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.sink.RowCollector;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.planner.physical.RowSchema;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Join goldens under {@code executor/src/test/resources/streaming-joins/}: interval joins (and what
 * they feed) of two streams, {@code auctions} and {@code bids} ({@link StreamingJoins}, 10,000 and
 * 12,000 disordered rows), with expected rows from Apache Flink SQL 2.3 ({@code flink/NAME.sql}, run
 * by the oracle in {@code ../shared/oracle/flink} with a watermark after every record). A case is
 * {@code NAME.sql} (setup statements, then the query) and {@code NAME.out} (its sorted rows, csv).
 * Each case runs three ways, which must all give {@code NAME.out}:
 *
 * <ol>
 *   <li><b>straight</b>: COPY both inputs, then the query as a pull query;
 *   <li><b>push</b>: {@code SELECT STREAM} the query while both inputs arrive in small INSERTs, taking
 *       turns in event-time order; one more row far in the future on each stream (the sentinels)
 *       moves the watermark past every input row, whose results (padded rows of outer joins
 *       included) then all come, while the sentinels' own stay pending;
 *   <li><b>restore</b>: the query's plan over both inputs, checkpointed midway
 *       ({@link Pipeline#snapshot} between batches, then cancelled), built again and restored
 *       ({@link Pipeline#restore}) to run to the end: what came before the checkpoint plus what came
 *       after it are the expected rows.
 * </ol>
 *
 * <p>Regenerating the Flink outputs (build the oracle in a copy, never in the shared folder):
 * <pre>
 * cp -r ../shared/oracle/flink /tmp/flink-oracle &amp;&amp; (cd /tmp/flink-oracle &amp;&amp; mvn -q -B package -DskipTests)
 * cd executor/src/test/resources/streaming-joins
 * /tmp/flink-oracle/flink-sql.sh --var data=$PWD/data --out-dir . flink/*.sql
 * </pre>
 */
class JoinGoldenTest {
    static final Path DIR = Path.of("src/test/resources/streaming-joins");
    static final String AUCTION_SENTINEL = "(-1, 0, 0, TIMESTAMP '2026-02-01 00:00:00')";
    static final String BID_SENTINEL = "(-2, 0, 0, TIMESTAMP '2026-02-01 00:00:00')";
    private static final int ROUNDS = 80;
    private static final long WAIT_MILLIS = 60_000;
    private static final long GRACE_MILLIS = 300;

    @Test
    void theCommittedInputsAreWhatTheGeneratorMakes() throws IOException {
        assertThat(Files.readString(DIR.resolve("data/auctions.csv"), StandardCharsets.UTF_8))
                .isEqualTo(StreamingJoins.auctions());
        assertThat(Files.readString(DIR.resolve("data/bids.csv"), StandardCharsets.UTF_8))
                .isEqualTo(StreamingJoins.bids());
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGivesTheExpectedRowsThreeWays() throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(DIR)) {
            cases = files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(5);
        return cases.stream().flatMap(c -> Stream.of(
                DynamicTest.dynamicTest(c.getFileName() + " straight", () -> straight(c)),
                DynamicTest.dynamicTest(c.getFileName() + " push", () -> push(c)),
                DynamicTest.dynamicTest(c.getFileName() + " restore", () -> restore(c))));
    }

    /** How each engine is opened: in memory on the embedded log here; subclasses run on other logs. */
    EngineConfig engineConfig() {
        return EngineConfig.memory();
    }

    static void copyInputs(Session s) {
        s.execute("COPY auctions FROM '" + DIR.resolve("data/auctions.csv").toAbsolutePath() + "' WITH (format = 'csv')");
        s.execute("COPY bids FROM '" + DIR.resolve("data/bids.csv").toAbsolutePath() + "' WITH (format = 'csv')");
    }

    private void straight(Path file) throws IOException {
        StreamingGoldenTest.Case c = StreamingGoldenTest.load(file);
        try (Engine engine = Engines.open(engineConfig()); Session s = engine.openSession()) {
            c.setup().forEach(s::execute);
            copyInputs(s);
            assertThat(StreamingGoldenTest.pull(s, c.query())).as(c.name() + ", straight").isEqualTo(c.expected());
        }
    }

    private void push(Path file) throws Exception {
        StreamingGoldenTest.Case c = StreamingGoldenTest.load(file);
        try (Engine engine = Engines.open(engineConfig()); Session reader = engine.openSession();
                Session writer = engine.openSession()) {
            c.setup().forEach(writer::execute);
            // the main SELECT starts a line (after a WITH too)
            RowResult r = (RowResult) reader.execute(c.query().replaceFirst("(?m)^SELECT\\b", "SELECT STREAM"));
            assertThat(r.unbounded()).isTrue();
            boolean changelog = r.columns().get(r.columns().size() - 1).name().equals("op");
            List<String> rows = new ArrayList<>();
            Thread collector = new Thread(() -> {
                for (List<Object[]> chunk = r.fetch(100); !chunk.isEmpty(); chunk = r.fetch(100)) {
                    synchronized (rows) {
                        for (Object[] row : chunk) {
                            int width = changelog ? r.columns().size() - 1 : r.columns().size();
                            String line = StreamingGoldenTest.line(r, row, width);
                            Object op = row[row.length - 1];
                            if (!changelog || op.equals("+I") || op.equals("+U")) {
                                rows.add(line);
                            } else {
                                assertThat(rows.remove(line)).as("a retraction of a row that was there: " + line).isTrue();
                            }
                        }
                    }
                }
            }, "push-collector-" + c.name());
            collector.setDaemon(true);
            collector.start();
            try {
                List<String> auctions = lines("auctions.csv");
                List<String> bids = lines("bids.csv");
                for (int round = 0; round < ROUNDS; round++) {
                    insert(writer, "auctions", slice(auctions, round));
                    insert(writer, "bids", slice(bids, round));
                }
                writer.execute("INSERT INTO auctions VALUES " + AUCTION_SENTINEL);
                writer.execute("INSERT INTO bids VALUES " + BID_SENTINEL);
                long deadline = System.currentTimeMillis() + WAIT_MILLIS;
                while (System.currentTimeMillis() < deadline
                        && !(changelog ? sorted(rows).equals(c.expected()) : sorted(rows).size() >= c.expected().size())) {
                    Thread.sleep(10);
                }
                Thread.sleep(GRACE_MILLIS); // anything beyond the expected rows shows up as a difference
            } finally {
                r.cancel();
                collector.join(TimeUnit.SECONDS.toMillis(10));
            }
            assertThat(sorted(rows)).as(c.name() + ", push query while the inputs arrive").isEqualTo(c.expected());
        }
    }

    private static List<String> lines(String name) throws IOException {
        return Files.readAllLines(DIR.resolve("data/" + name), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
    }

    private static List<String> slice(List<String> lines, int round) {
        return lines.subList(lines.size() * round / ROUNDS, lines.size() * (round + 1) / ROUNDS);
    }

    private static void insert(Session writer, String stream, List<String> csv) {
        if (!csv.isEmpty()) {
            writer.execute("INSERT INTO " + stream + " VALUES " + csv.stream().map(JoinGoldenTest::values)
                    .collect(Collectors.joining(", ")));
        }
    }

    /** A csv line of three BIGINTs and a timestamp as a VALUES row. */
    static String values(String csvLine) {
        String[] f = csvLine.split(",", -1);
        return "(" + f[0] + ", " + f[1] + ", " + f[2] + ", TIMESTAMP '" + f[3] + "')";
    }

    private static List<String> sorted(List<String> rows) {
        synchronized (rows) {
            List<String> s = new ArrayList<>(rows);
            Collections.sort(s);
            return s;
        }
    }

    private void restore(Path file) throws IOException {
        StreamingGoldenTest.Case c = StreamingGoldenTest.load(file);
        try (Engine engine = Engines.open(engineConfig()); Session s = engine.openSession()) {
            c.setup().forEach(s::execute);
            copyInputs(s);
            assertThat(RestoreRuns.check(engine, c.name(), c.query(), c.expected())).as(c.name() + ", the plan run whole")
                    .isEqualTo(c.expected());
        }
    }

    static byte[] snapshot(Pipeline p) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            p.snapshot(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A sink keeping rows as csv lines (as the oracle prints them). */
    static final class Lines implements Output {
        final RowSchema schema;
        final List<String> rows = new ArrayList<>();

        Lines(RowSchema schema) {
            this.schema = schema;
        }

        @Override
        public void emit(VectorSchemaRoot batch) {
            for (List<Object> row : RowCollector.toRows(batch)) {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < schema.size(); i++) {
                    s.append(i == 0 ? "" : ",").append(ResultText.value(row.get(i), schema.get(i).type()));
                }
                rows.add(s.toString());
            }
        }

        @Override
        public void finish() {}
    }
}
