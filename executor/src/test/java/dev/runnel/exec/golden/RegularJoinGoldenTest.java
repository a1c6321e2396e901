package dev.runnel.exec.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.engine.UpdateResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regular join goldens under {@code executor/src/test/resources/streaming/joins/}, checked against
 * Apache Flink SQL 2.3 (streaming mode; {@code flink/NAME.sql} is the Flink script for
 * {@code NAME.sql}, its final rows in {@code NAME.out}, sorted csv). The inputs: the stream
 * {@code bids} ({@code streaming/data/bids.csv}) and the upsert table {@code users}, a Debezium
 * history starting with a snapshot, then updates, deletes and re-inserts ({@code users.json}, made by {@link JoinUsers}). A case's
 * statements are setup (CREATE) then the query; each runs three ways, which must all give
 * {@code NAME.out}:
 *
 * <ol>
 *   <li><b>straight</b>: COPY both inputs, then the pull query (the bounded hash join);
 *   <li><b>push</b>: {@code SELECT STREAM} the query (the regular join) while the inputs arrive in
 *       small steps taking turns (bids by INSERT, users' changes by COPY), its changelog applied as it
 *       arrives (a retraction must find its row) until it equals the expected rows, then nothing
 *       more may change within a grace period;
 *   <li><b>history</b>: the pull query again after the push run;
 *   <li><b>view</b>: a materialized view of the query on a durable engine (with {@code state.ttl} of
 *       a day where it reads the stream: a view's state may not grow with every row otherwise),
 *       the inputs arriving in the same steps; after <em>every</em> step the view equals the pull
 *       query over the inputs so far (a recomputation from scratch), and halfway the engine is closed
 *       and opened again, so the rest runs on the join state restored from its checkpoint.
 * </ol>
 *
 * <p>Regenerating the Flink outputs (build the oracle in a copy, never in the shared folder):
 *
 * <pre>
 * cd executor/src/test/resources/streaming/joins
 * /tmp/flink-oracle/flink-sql.sh --var data=$PWD/../data --var joins=$PWD --out-dir . flink/*.sql
 * </pre>
 */
class RegularJoinGoldenTest {
    static final Path DIR = Path.of("src/test/resources/streaming/joins");
    static final Path BIDS = Path.of("src/test/resources/streaming/data/bids.csv");
    private static final int BID_ROWS = 300;
    private static final int USER_EVENTS = 12;
    private static final long WAIT_MILLIS = 60_000;
    private static final long GRACE_MILLIS = 300;

    @TempDir
    Path tmp;

    @Test
    void theCommittedUsersAreWhatTheGeneratorMakes() throws IOException {
        assertThat(Files.readString(DIR.resolve("users.json"), StandardCharsets.UTF_8)).isEqualTo(JoinUsers.json());
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGivesFlinksRowsThreeWays() throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(DIR)) {
            cases = files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(7);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    /** How each engine is opened: in memory on the embedded log here; subclasses run on other logs. */
    EngineConfig engineConfig() {
        return EngineConfig.memory();
    }

    /** A durable engine keeping its files in {@code dir}; every call with one {@code dir} opens the same engine. */
    EngineConfig durableConfig(Path dir) {
        return EngineConfig.file(dir);
    }

    private void check(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("--"))
                .collect(Collectors.joining("\n"));
        List<String> statements = new ArrayList<>();
        for (String s : text.split(";\\s*\n")) {
            if (!s.isBlank()) {
                statements.add(s.strip().replaceAll(";$", ""));
            }
        }
        List<String> setup = statements.subList(0, statements.size() - 1);
        String query = statements.get(statements.size() - 1);
        String name = file.getFileName().toString().replaceAll("\\.sql$", "");
        List<String> expected = Files.readAllLines(DIR.resolve(name + ".out"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isEmpty()).sorted().toList();
        try (Engine engine = Engines.open(engineConfig()); Session session = engine.openSession()) {
            setup.forEach(session::execute);
            session.execute("COPY bids FROM '" + BIDS.toAbsolutePath() + "' WITH (format = 'csv')");
            copyUsers(session, DIR.resolve("users.json"));
            assertThat(StreamingGoldenTest.pull(session, query)).as(name + ", straight").isEqualTo(expected);
        }
        try (Engine engine = Engines.open(engineConfig()); Session reader = engine.openSession();
                Session writer = engine.openSession()) {
            setup.forEach(writer::execute);
            assertThat(push(reader, writer, query, expected)).as(name + ", push while the inputs arrive")
                    .isEqualTo(expected);
            assertThat(StreamingGoldenTest.pull(reader, query)).as(name + ", pull over the history").isEqualTo(expected);
        }
        assertThat(view(setup, query, name)).as(name + ", a view restarted halfway").isEqualTo(expected);
    }

    /** The view run (see the class comment): its rows at the end. */
    private List<String> view(List<String> setup, String query, String name) throws IOException {
        Path dir = tmp.resolve("view-" + name);
        List<String> bids = lines(BIDS);
        List<String> users = lines(DIR.resolve("users.json"));
        int bidRows = 2 * BID_ROWS; // steps twice the push run's: every step is checked with two queries
        int userEvents = 2 * USER_EVENTS;
        int steps = Math.max((bids.size() + bidRows - 1) / bidRows, (users.size() + userEvents - 1) / userEvents);
        EngineConfig durable = durableConfig(dir);
        Engine engine = Engines.open(durable);
        try {
            Session session = engine.openSession();
            setup.forEach(session::execute);
            if (query.contains("bids")) {
                session.execute("SET 'state.ttl' = '1 day'");
            }
            session.execute("CREATE MATERIALIZED VIEW joined AS " + query);
            for (int step = 0; step < steps; step++) {
                if (step == steps / 2) {
                    session.close();
                    engine.close();
                    engine = Engines.open(durable);
                    session = engine.openSession();
                }
                int b = step * bidRows;
                if (b < bids.size()) {
                    session.execute("INSERT INTO bids VALUES " + bids.subList(b, Math.min(bids.size(), b + bidRows))
                            .stream().map(StreamingGoldenTest::values).collect(Collectors.joining(", ")));
                }
                int u = step * userEvents;
                if (u < users.size()) {
                    Path part = tmp.resolve(name + "-users-" + step + ".json");
                    Files.write(part, users.subList(u, Math.min(users.size(), u + userEvents)));
                    copyUsers(session, part);
                }
                assertThat(StreamingGoldenTest.pull(session, "SELECT * FROM joined"))
                        .as("%s: the view after step %d of %d", name, step + 1, steps)
                        .isEqualTo(StreamingGoldenTest.pull(session, query));
            }
            List<String> rows = StreamingGoldenTest.pull(session, "SELECT * FROM joined");
            session.close();
            return rows;
        } finally {
            engine.close();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }

    private static void copyUsers(Session session, Path file) {
        UpdateResult r = (UpdateResult) session.execute("COPY users FROM '" + file.toAbsolutePath() + "'");
        assertThat(r.warnings()).as("no dead letters").isEmpty();
    }

    private List<String> push(Session reader, Session writer, String query, List<String> expected) throws Exception {
        RowResult r = (RowResult) reader.execute(query.replaceFirst("(?i)^SELECT\\b", "SELECT STREAM"));
        boolean changelog = r.columns().get(r.columns().size() - 1).name().equals("op");
        int columns = changelog ? r.columns().size() - 1 : r.columns().size();
        List<String> rows = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        Thread collector = new Thread(() -> {
            try {
                for (List<Object[]> chunk = r.fetch(100); !chunk.isEmpty(); chunk = r.fetch(100)) {
                    synchronized (rows) {
                        for (Object[] row : chunk) {
                            String line = StreamingGoldenTest.line(r, row, columns);
                            Object op = changelog ? row[row.length - 1] : "+I";
                            if (op.equals("+I") || op.equals("+U")) {
                                rows.add(line);
                            } else if (!rows.remove(line)) {
                                failures.add(new AssertionError("a retraction of a row that was not there: " + line));
                            }
                        }
                    }
                }
            } catch (RuntimeException e) {
                synchronized (rows) {
                    failures.add(e);
                }
            }
        }, "push-collector");
        collector.setDaemon(true);
        collector.start();
        try {
            List<String> bids = lines(BIDS);
            List<String> users = lines(DIR.resolve("users.json"));
            int b = 0;
            int u = 0;
            for (int step = 0; b < bids.size() || u < users.size(); step++) {
                if (b < bids.size()) {
                    List<String> chunk = bids.subList(b, Math.min(bids.size(), b + BID_ROWS));
                    writer.execute("INSERT INTO bids VALUES " + chunk.stream().map(StreamingGoldenTest::values)
                            .collect(Collectors.joining(", ")));
                    b += chunk.size();
                }
                if (u < users.size()) {
                    Path part = tmp.resolve("users-" + step + ".json");
                    Files.write(part, users.subList(u, Math.min(users.size(), u + USER_EVENTS)));
                    copyUsers(writer, part);
                    u += USER_EVENTS;
                }
            }
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            while (System.currentTimeMillis() < deadline && !sortedCopy(rows).equals(expected)) {
                Thread.sleep(10);
            }
            Thread.sleep(GRACE_MILLIS); // anything beyond the expected rows shows up as a difference
        } finally {
            r.cancel();
            collector.join(TimeUnit.SECONDS.toMillis(10));
        }
        synchronized (rows) {
            assertThat(failures).isEmpty();
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
}
