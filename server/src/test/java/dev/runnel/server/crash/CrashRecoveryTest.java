package dev.runnel.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.server.ServerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery of materialized views and jobs, end to end: a child JVM runs {@code runnel server}
 * on a data directory and maintains three materialized views — a TUMBLE window aggregate, an
 * updating GROUP BY, a view on that view and a GROUP BY over an interval join of two more streams —
 * and two {@code INSERT INTO ... SELECT} jobs (a window
 * aggregate into a columnar stream, a filter into a keyed json stream of three partitions, both
 * committing every 200 ms), while this process keeps appending input through remote JDBC. The
 * child is killed with SIGKILL at random moments, 20 times, and started again each time on the same
 * data directory; the appender reconnects and goes on from what the stream holds (an INSERT cut by
 * the kill may or may not have landed: row {@code i} is always the same row, so counting tells).
 * After the input is complete, each view must equal what its query gives over the whole input (the
 * crash-free answer), and each job's output must hold exactly the rows of its query: no row lost,
 * none counted or written twice.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CrashRecoveryTest {
    private static final int ROUNDS = 20;
    private static final long TOTAL = 6_000;
    private static final int CHUNK = 40;
    private static final long BASE = 1_767_225_600_000L; // 2026-01-01 00:00:00 UTC

    static final String WINDOW_QUERY = "SELECT window_start, window_end, auction, COUNT(*) AS n, SUM(price) AS total"
            + " FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '1' SECOND))"
            + " GROUP BY window_start, window_end, auction";
    static final String GROUP_QUERY = "SELECT auction, COUNT(*) AS n, SUM(price) AS total, MAX(price) AS top"
            + " FROM bids GROUP BY auction";
    static final String NESTED_QUERY = "SELECT n, COUNT(*) AS auctions, MIN(top) AS low FROM g GROUP BY n";
    static final String NESTED_DIRECT = "SELECT n, COUNT(*) AS auctions, MIN(top) AS low FROM (" + GROUP_QUERY
            + ") GROUP BY n";
    static final String FILTER_QUERY = "SELECT auction, price, ts FROM bids WHERE MOD(price, 3) <> 1";
    /** A GROUP BY over an interval join of two more streams (in order but for disorder within the delay). */
    static final String JOIN_QUERY = "SELECT a.auction, COUNT(*) AS n, SUM(o.price) AS total FROM asks a JOIN offers o"
            + " ON a.auction = o.auction AND o.ts BETWEEN a.ts - INTERVAL '0.5' SECOND AND a.ts + INTERVAL '0.5' SECOND"
            + " GROUP BY a.auction";
    static final List<String> SETUP = List.of(
            "CREATE STREAM IF NOT EXISTS bids (auction BIGINT, price BIGINT, ts TIMESTAMP(3),"
                    + " WATERMARK FOR ts AS ts - INTERVAL '0.2' SECOND) WITH (partitions = 1)",
            "CREATE MATERIALIZED VIEW IF NOT EXISTS w AS " + WINDOW_QUERY,
            "CREATE MATERIALIZED VIEW IF NOT EXISTS g AS " + GROUP_QUERY,
            "CREATE MATERIALIZED VIEW IF NOT EXISTS vv AS " + NESTED_QUERY,
            "CREATE STREAM IF NOT EXISTS asks (auction BIGINT, price BIGINT, ts TIMESTAMP(3),"
                    + " WATERMARK FOR ts AS ts - INTERVAL '0.2' SECOND) WITH (partitions = 1)",
            "CREATE STREAM IF NOT EXISTS offers (auction BIGINT, price BIGINT, ts TIMESTAMP(3),"
                    + " WATERMARK FOR ts AS ts - INTERVAL '0.2' SECOND) WITH (partitions = 1)",
            "CREATE MATERIALIZED VIEW IF NOT EXISTS j AS " + JOIN_QUERY,
            "CREATE STREAM IF NOT EXISTS wout (window_start TIMESTAMP(3), window_end TIMESTAMP(3), auction BIGINT,"
                    + " n BIGINT, total BIGINT) WITH (partitions = 2)",
            "CREATE STREAM IF NOT EXISTS fout (auction BIGINT, price BIGINT, ts TIMESTAMP(3))"
                    + " WITH (partitions = 3, key = 'auction', format = 'json')",
            "SET checkpoint.interval = '200ms'", // many commits, so kills land inside some
            "CREATE JOB IF NOT EXISTS wj AS INSERT INTO wout " + WINDOW_QUERY,
            "CREATE JOB IF NOT EXISTS fj AS INSERT INTO fout " + FILTER_QUERY);

    @TempDir
    Path dir;

    /** Row {@code i} of the input: 30 auctions, disordered times (some late for their window). */
    static String row(long i) {
        long ts = BASE + i * 13 - (i % 11 == 0 ? 700 : 0);
        return "(" + (i * 7 % 30) + ", " + (i * 31 % 97) + ", TIMESTAMP '" + java.time.LocalDateTime.ofEpochSecond(
                ts / 1000, (int) (ts % 1000) * 1_000_000, java.time.ZoneOffset.UTC).toString().replace('T', ' ') + "')";
    }

    @Test
    void viewsAndJobsEqualACrashFreeRunAfterRepeatedSigkillsOfTheServer() throws Exception {
        Random random = new Random(7);
        boolean setUp = false;
        long appended = 0;
        // at least ROUNDS rounds; more (up to twice as many) when a slow machine got less than half the
        // input in by then, so the test never passes without having killed the server amid its input
        for (int round = 0; round < ROUNDS || (appended <= TOTAL / 2 && round < 2 * ROUNDS); round++) {
            Process server = start();
            String url = awaitUrl(server);
            // the kill comes from another thread at a random moment after the round's first append:
            // inside an INSERT, a job's commit or a checkpoint as it happens; the input is spread over the rounds
            long budget = TOTAL * Math.min(round + 1, ROUNDS) / (ROUNDS + 1);
            int delay = 100 + random.nextInt(900);
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    // kill now
                }
                server.destroyForcibly(); // SIGKILL on Linux
            }, "killer");
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                if (!setUp) {
                    for (String sql : SETUP) {
                        s.execute(sql);
                    }
                    setUp = true;
                }
                for (long next = count(s); next < budget && server.isAlive(); ) {
                    next = append(s, next);
                    appended = Math.max(appended, next);
                    if (killer.getState() == Thread.State.NEW) {
                        killer.start();
                    }
                }
            } catch (SQLException e) {
                // the connection broke under the kill: expected
            }
            if (!killer.isAlive() && killer.getState() == Thread.State.NEW) {
                killer.start();
            }
            killer.join();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(appended).as("the input arrived while the server was being killed").isGreaterThan(TOTAL / 2);

        Process server = start();
        try (Connection c = DriverManager.getConnection(awaitUrl(server)); Statement s = c.createStatement()) {
            for (long next = count(s); next < TOTAL; ) {
                next = append(s, next);
            }
            bringUp(s, TOTAL); // the kill may have come between the streams' appends
            assertThat(count(s)).isEqualTo(TOTAL);
            // a row far in the future closes every window of the input, in the views and the window job
            s.execute("INSERT INTO bids VALUES (999, 0, TIMESTAMP '2027-01-01 00:00:00')");
            List<String> window = rows(s, "SELECT * FROM (" + WINDOW_QUERY + ") AS q"
                    + " WHERE window_start < TIMESTAMP '2027-01-01 00:00:00'"); // the sentinel's window stays open
            assertThat(window).hasSizeGreaterThan(100);
            assertThat(rows(s, "SELECT * FROM w")).as("the window view").isEqualTo(window);
            assertThat(rows(s, "SELECT * FROM g")).as("the GROUP BY view").isEqualTo(rows(s, GROUP_QUERY));
            assertThat(rows(s, "SELECT * FROM vv")).as("the view on the view").isEqualTo(rows(s, NESTED_DIRECT));
            assertThat(count(s, "asks")).isEqualTo(TOTAL);
            assertThat(count(s, "offers")).isEqualTo(TOTAL);
            List<String> joined = rows(s, JOIN_QUERY);
            assertThat(joined).hasSize(30);
            assertThat(rows(s, "SELECT * FROM j")).as("the view over an interval join").isEqualTo(joined);

            List<String> filtered = rows(s, FILTER_QUERY);
            awaitRows(s, "SELECT * FROM wout", window.size());
            awaitRows(s, "SELECT * FROM fout", filtered.size());
            assertThat(rows(s, "SELECT * FROM wout")).as("the window job's output").isEqualTo(window);
            assertThat(rows(s, "SELECT * FROM fout")).as("the filter job's output").isEqualTo(filtered);
        } finally {
            server.destroy(); // SIGTERM: a clean stop
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private Process start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ServerMain.class.getName(), "--port", "0", "--data-dir", dir.resolve("data").toString());
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Reads the server's stderr until it says where it serves (and keeps draining it, into child.err). */
    private String awaitUrl(Process server) throws Exception {
        AtomicReference<String> url = new AtomicReference<>();
        Path log = dir.resolve("child.err");
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    int at = line.indexOf(" at jdbc:runnel://");
                    if (line.startsWith("runnel server: serving ") && at > 0) {
                        url.set(line.substring(at + 4).split(" ")[0]);
                    }
                }
            } catch (IOException e) {
                // killed
            }
        }, "server-stderr");
        t.setDaemon(true);
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (url.get() == null) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited with " + server.exitValue() + ": " + tail(log));
            }
            assertThat(System.nanoTime()).as("server up within 120 s").isLessThan(deadline);
            Thread.sleep(10);
        }
        return url.get();
    }

    private static String tail(Path log) {
        try {
            String all = Files.readString(log);
            return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
        } catch (IOException e) {
            return "(no stderr)";
        }
    }

    /** Row {@code i} of {@code asks} ({@code stream} 1) or {@code offers} (2): at most 90 ms out of order. */
    static String row(int stream, long i) {
        long ts = BASE + i * 13 - (stream == 2 ? (i % 7) * 15 : 0);
        return "(" + (i * (stream == 1 ? 7 : 11) % 30) + ", " + (i * 17 % 89) + ", TIMESTAMP '"
                + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                        .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.ofEpochMilli(ts)) + "')";
    }

    /** Appends the next chunk of {@code bids}, then brings {@code asks} and {@code offers} as far. */
    private static long append(Statement s, long next) throws SQLException {
        long end = appendBids(s, next);
        bringUp(s, end);
        return end;
    }

    /** Appends to {@code asks} and {@code offers} from where each ends up to row {@code end}. */
    private static void bringUp(Statement s, long end) throws SQLException {
        for (int stream = 1; stream <= 2; stream++) {
            String name = stream == 1 ? "asks" : "offers";
            for (long from = count(s, name); from < end; ) {
                long to = Math.min(end, from + CHUNK);
                StringBuilder sql = new StringBuilder("INSERT INTO " + name + " VALUES ");
                for (long i = from; i < to; i++) {
                    sql.append(i == from ? "" : ", ").append(row(stream, i));
                }
                s.execute(sql.toString());
                from = to;
            }
        }
    }

    private static long appendBids(Statement s, long next) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO bids VALUES ");
        long end = Math.min(TOTAL, next + CHUNK);
        for (long i = next; i < end; i++) {
            sql.append(i == next ? "" : ", ").append(row(i));
        }
        s.execute(sql.toString());
        return end;
    }

    private static long count(Statement s) throws SQLException {
        return count(s, "bids");
    }

    private static long count(Statement s, String stream) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + stream)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits (up to 60 s) until {@code sql} gives at least {@code n} rows: the jobs commit as they checkpoint. */
    private static void awaitRows(Statement s, String sql, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (rows(s, sql).size() < n && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        Collections.sort(out);
        return out;
    }
}
