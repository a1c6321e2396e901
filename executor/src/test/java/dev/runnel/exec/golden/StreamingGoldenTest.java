package dev.runnel.exec.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.engine.StatementResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Streaming window goldens under {@code executor/src/test/resources/streaming/}, most of them
 * checked against Apache Flink SQL 2.3 (streaming mode, parallelism 1, a watermark after every
 * record; the runner in {@code ../shared/oracle/flink}).
 *
 * <p>A case is {@code NAME.sql}: Runnel statements, all but the last setting up (creating the
 * stream {@code bids} with one partition, so that Flink's and Runnel's lateness rules coincide), the
 * last the query; {@code NAME.out} is its expected rows, one per line as csv, sorted. A comment
 * line {@code -- input: data/FILE.csv} names the input (default {@code data/bids.csv}, made by
 * {@link StreamingBids}); {@code -- runnel-only: why} marks a case whose expected rows were worked
 * out by hand instead of by Flink. For a Flink case, {@code flink/NAME.sql} is the script that
 * produced {@code NAME.out}. Each case runs three ways, which must all give {@code NAME.out}:
 *
 * <ol>
 *   <li><b>straight</b>: COPY the input into {@code bids}, then the query as a pull query;
 *   <li><b>push</b>: {@code SELECT STREAM} the query while the input arrives in small INSERTs from
 *       another session; the end of the input is shown to the push query by one more row far in
 *       the future (the {@linkplain #SENTINEL sentinel}), whose watermark closes every window of
 *       the input while its own windows stay open: the rows that have arrived once the expected
 *       count is reached (and nothing more within a grace period) are the result;
 *   <li><b>history</b>: the pull query again, after the push run, over the input and the
 *       sentinel: its result is {@code NAME.out} plus what the query gives for the sentinel alone
 *       (the sentinel is so far away that its windows are its own).
 * </ol>
 *
 * <p>Regenerating the Flink outputs (build the oracle in a copy, never in the shared folder):
 *
 * <pre>
 * cp -r ../shared/oracle/flink /tmp/flink-oracle &amp;&amp; (cd /tmp/flink-oracle &amp;&amp; mvn -q -B package -DskipTests)
 * cd executor/src/test/resources/streaming
 * /tmp/flink-oracle/flink-sql.sh --var data=$PWD/data --out-dir . flink/*.sql
 * </pre>
 */
class StreamingGoldenTest {
    static final Path DIR = Path.of("src/test/resources/streaming");
    /** Far after every input row: closes all their windows, and is alone in its own. */
    static final String SENTINEL = "(0, 0, 0, 'end', TIMESTAMP '2026-02-01 00:00:00')";
    private static final int CHUNK_ROWS = 150;
    private static final long WAIT_MILLIS = 60_000;
    private static final long GRACE_MILLIS = 300;

    @Test
    void theCommittedInputIsWhatTheGeneratorMakes() throws IOException {
        assertThat(Files.readString(DIR.resolve("data/bids.csv"), StandardCharsets.UTF_8))
                .isEqualTo(StreamingBids.csv());
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGivesTheExpectedRowsThreeWays() throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(DIR)) {
            cases = files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    record Case(String name, List<String> setup, String query, Path input, List<String> expected) {}

    static Case load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String input = "data/bids.csv";
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.startsWith("-- input:")) {
                input = t.substring("-- input:".length()).strip();
            } else if (!t.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        List<String> statements = Arrays.stream(body.toString().split(";\\s*\n"))
                .map(String::strip).map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
                .filter(s -> !s.isEmpty()).toList();
        String name = file.getFileName().toString().replaceAll("\\.sql$", "");
        List<String> expected = Files.readAllLines(file.resolveSibling(name + ".out"), StandardCharsets.UTF_8)
                .stream().filter(l -> !l.isEmpty()).sorted().toList();
        return new Case(name, statements.subList(0, statements.size() - 1), statements.get(statements.size() - 1),
                DIR.resolve(input).toAbsolutePath(), expected);
    }

    private static void check(Path file) throws Exception {
        Case c = load(file);
        assertThat(straight(c)).as(c.name() + ", straight (COPY, then the pull query)").isEqualTo(c.expected());
        List<String> sentinelAlone = sentinelAlone(c);
        try (Engine engine = Engines.open(EngineConfig.memory()); Session reader = engine.openSession();
                Session writer = engine.openSession()) {
            c.setup().forEach(writer::execute);
            assertThat(push(c, reader, writer)).as(c.name() + ", push query while the input arrives")
                    .isEqualTo(c.expected());
            List<String> history = new ArrayList<>(c.expected());
            history.addAll(sentinelAlone);
            Collections.sort(history);
            assertThat(pull(reader, c.query())).as(c.name() + ", pull query over the history after the push run")
                    .isEqualTo(history);
        }
    }

    static List<String> straight(Case c) {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session session = engine.openSession()) {
            c.setup().forEach(session::execute);
            session.execute("COPY bids FROM '" + c.input() + "' WITH (format = 'csv')");
            return pull(session, c.query());
        }
    }

    /** What the query gives for the sentinel row alone. */
    static List<String> sentinelAlone(Case c) {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session session = engine.openSession()) {
            c.setup().forEach(session::execute);
            session.execute("INSERT INTO bids VALUES " + SENTINEL);
            return pull(session, c.query());
        }
    }

    static List<String> pull(Session session, String query) {
        RowResult r = (RowResult) session.execute(query);
        List<String> rows = new ArrayList<>();
        for (List<Object[]> chunk = r.fetch(1000); !chunk.isEmpty(); chunk = r.fetch(1000)) {
            chunk.forEach(row -> rows.add(line(r, row)));
        }
        Collections.sort(rows);
        return rows;
    }

    static List<String> push(Case c, Session reader, Session writer) throws Exception {
        StatementResult result = reader.execute(c.query().replaceFirst("(?i)^SELECT\\b", "SELECT STREAM"));
        RowResult r = (RowResult) result;
        assertThat(r.unbounded()).isTrue();
        List<String> rows = Collections.synchronizedList(new ArrayList<>());
        Thread collector = new Thread(() -> {
            for (List<Object[]> chunk = r.fetch(100); !chunk.isEmpty(); chunk = r.fetch(100)) {
                chunk.forEach(row -> rows.add(line(r, row)));
            }
        }, "push-collector-" + c.name());
        collector.setDaemon(true);
        collector.start();
        try {
            List<String> input = Files.readAllLines(c.input(), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            for (int from = 0; from < input.size(); from += CHUNK_ROWS) {
                List<String> chunk = input.subList(from, Math.min(input.size(), from + CHUNK_ROWS));
                writer.execute("INSERT INTO bids VALUES "
                        + chunk.stream().map(StreamingGoldenTest::values).collect(Collectors.joining(", ")));
            }
            writer.execute("INSERT INTO bids VALUES " + SENTINEL);
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            while (rows.size() < c.expected().size() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(GRACE_MILLIS); // anything beyond the expected rows shows up as a difference
        } finally {
            r.cancel();
            collector.join(TimeUnit.SECONDS.toMillis(10));
        }
        synchronized (rows) {
            List<String> sorted = new ArrayList<>(rows);
            Collections.sort(sorted);
            return sorted;
        }
    }

    /** A csv input line (auction, bidder, price, channel, date_time) as a VALUES row. */
    static String values(String csvLine) {
        String[] f = csvLine.split(",", -1);
        return "(" + f[0] + ", " + f[1] + ", " + f[2] + ", '" + f[3] + "', TIMESTAMP '" + f[4] + "')";
    }

    static String line(RowResult r, Object[] row) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < r.columns().size(); i++) {
            s.append(i == 0 ? "" : ",").append(ResultText.value(row[i], r.columns().get(i).type()));
        }
        return s.toString();
    }
}
