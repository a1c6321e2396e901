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
 * {@link StreamingBids}); lines of {@code NAME.out} marked {@code then: } are the rows of the
 * statements after the query (pull queries run after it), and lines marked {@code push: } (if any)
 * are what the push run gives instead of the query's rows, lines marked {@code history: } what the
 * pull over the history gives instead of the expected rows (each such case says why in its
 * comments). {@code -- runnel-only: why} marks a case whose expected rows were worked
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
    static final String THEN = "then: ";
    static final String PUSH = "push: ";
    static final String HISTORY = "history: ";
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

    /** How each engine of a case is opened: in memory on the embedded log here; subclasses run on other logs. */
    EngineConfig engineConfig() {
        return EngineConfig.memory();
    }

    /**
     * A case: setup statements (the leading CREATE and SET statements), the query, and queries to run
     * after it (pull queries whose sorted rows follow the query's, each prefixed {@code then: }).
     */
    record Case(String name, List<String> setup, String query, List<String> then, Path input,
            List<String> expected) {}

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
        int setup = 0;
        while (statements.get(setup).matches("(?is)^(CREATE|SET)\\b.*")) {
            setup++;
        }
        return new Case(name, statements.subList(0, setup), statements.get(setup),
                statements.subList(setup + 1, statements.size()), DIR.resolve(input).toAbsolutePath(), expected);
    }

    /** The query's rows, those it is expected to give. */
    static List<String> queryRows(Case c) {
        return c.expected().stream().filter(l -> !l.startsWith(THEN) && !l.startsWith(PUSH) && !l.startsWith(HISTORY))
                .toList();
    }

    /**
     * What the push run must give: the lines marked {@code push: } instead of the query's rows when
     * there are any (a push query shows each corrected result of {@code late = 'update'} as a row).
     */
    static List<String> pushExpected(Case c) {
        List<String> push = c.expected().stream().filter(l -> l.startsWith(PUSH))
                .map(l -> l.substring(PUSH.length())).toList();
        List<String> all = new ArrayList<>(push.isEmpty() ? queryRows(c) : push);
        c.expected().stream().filter(l -> l.startsWith(THEN)).forEach(all::add);
        Collections.sort(all);
        return all;
    }

    /** The expected rows of the straight run. */
    static List<String> pullExpected(Case c) {
        return c.expected().stream().filter(l -> !l.startsWith(PUSH) && !l.startsWith(HISTORY)).toList();
    }

    /**
     * The expected rows of the pull over the history, without the sentinel's: the lines marked
     * {@code history: } if there are any (a known difference, explained in the case), else the
     * straight run's.
     */
    static List<String> historyExpected(Case c) {
        List<String> history = c.expected().stream().filter(l -> l.startsWith(HISTORY))
                .map(l -> l.substring(HISTORY.length())).toList();
        return history.isEmpty() ? pullExpected(c) : history;
    }

    /** The rows of the queries after it, each after {@link #THEN}. */
    static List<String> then(Case c, Session session) {
        List<String> rows = new ArrayList<>();
        for (String q : c.then()) {
            pull(session, q).forEach(row -> rows.add(THEN + row));
        }
        return rows;
    }

    static List<String> sorted(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        Collections.sort(all);
        return all;
    }

    private void check(Path file) throws Exception {
        Case c = load(file);
        assertThat(straight(c)).as(c.name() + ", straight (COPY, then the pull query)").isEqualTo(pullExpected(c));
        List<String> sentinelAlone = sentinelAlone(c);
        try (Engine engine = Engines.open(engineConfig()); Session reader = engine.openSession();
                Session writer = engine.openSession()) {
            c.setup().forEach(writer::execute);
            assertThat(sorted(push(c, reader, writer), then(c, writer)))
                    .as(c.name() + ", push query while the input arrives").isEqualTo(pushExpected(c));
            assertThat(sorted(pull(reader, c.query()), then(c, writer)))
                    .as(c.name() + ", pull query over the history after the push run")
                    .isEqualTo(sorted(historyExpected(c), sentinelAlone));
        }
    }

    List<String> straight(Case c) {
        try (Engine engine = Engines.open(engineConfig()); Session session = engine.openSession()) {
            c.setup().forEach(session::execute);
            session.execute("COPY bids FROM '" + c.input() + "' WITH (format = 'csv')");
            return sorted(pull(session, c.query()), then(c, session));
        }
    }

    /** What the query gives for the sentinel row alone. */
    List<String> sentinelAlone(Case c) {
        try (Engine engine = Engines.open(engineConfig()); Session session = engine.openSession()) {
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

    /**
     * The push run's rows. A push query over an updating result (a changelog: its last column is
     * {@code op}) is applied as it arrives, {@code +I}/{@code +U} adding a row and {@code -U}/{@code -D}
     * removing one, so its rows are the final state, as Flink's oracle prints it; it must reach the
     * expected rows, and nothing may change after that within the grace period.
     */
    static List<String> push(Case c, Session reader, Session writer) throws Exception {
        StatementResult result = reader.execute(c.query().replaceFirst("(?i)^SELECT\\b", "SELECT STREAM"));
        RowResult r = (RowResult) result;
        assertThat(r.unbounded()).isTrue();
        boolean changelog = r.columns().get(r.columns().size() - 1).name().equals("op");
        List<String> rows = new ArrayList<>();
        Thread collector = new Thread(() -> {
            for (List<Object[]> chunk = r.fetch(100); !chunk.isEmpty(); chunk = r.fetch(100)) {
                synchronized (rows) {
                    for (Object[] row : chunk) {
                        String line = line(r, row, changelog ? r.columns().size() - 1 : r.columns().size());
                        if (!changelog || row[row.length - 1].equals("+I") || row[row.length - 1].equals("+U")) {
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
            List<String> input = Files.readAllLines(c.input(), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            int chunkRows = Math.max(1, Math.min(CHUNK_ROWS, input.size() / 40)); // a small input row by row
            for (int from = 0; from < input.size(); from += chunkRows) {
                List<String> chunk = input.subList(from, Math.min(input.size(), from + chunkRows));
                writer.execute("INSERT INTO bids VALUES "
                        + chunk.stream().map(StreamingGoldenTest::values).collect(Collectors.joining(", ")));
            }
            writer.execute("INSERT INTO bids VALUES " + SENTINEL);
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            List<String> expected = pushExpected(c).stream().filter(l -> !l.startsWith(THEN)).toList();
            while (System.currentTimeMillis() < deadline && !(changelog ? sortedCopy(rows).equals(expected)
                    : sortedCopy(rows).size() >= expected.size())) {
                Thread.sleep(10);
            }
            Thread.sleep(GRACE_MILLIS); // anything beyond the expected rows shows up as a difference
        } finally {
            r.cancel();
            collector.join(TimeUnit.SECONDS.toMillis(10));
        }
        return sortedCopy(rows);
    }

    private static List<String> sortedCopy(List<String> rows) {
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
        return line(r, row, r.columns().size());
    }

    /** The first {@code columns} values of the row as a csv line. */
    static String line(RowResult r, Object[] row, int columns) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            s.append(i == 0 ? "" : ",").append(ResultText.value(row[i], r.columns().get(i).type()));
        }
        return s.toString();
    }
}
