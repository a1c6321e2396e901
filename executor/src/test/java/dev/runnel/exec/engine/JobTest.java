package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.sql.RunnelSqlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Persistent jobs and scan.start, on real engines in temporary data directories. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JobTest {
    @TempDir
    Path dir;
    Engine engine;
    List<Session> sessions = new ArrayList<>();

    Session open() {
        if (engine == null) {
            engine = Engines.open(EngineConfig.file(dir));
        }
        Session s = engine.openSession();
        sessions.add(s);
        return s;
    }

    void restart() {
        sessions.forEach(Session::close);
        sessions.clear();
        engine.close();
        engine = null;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            restart();
        }
    }

    static void createStreams(Session s) {
        s.execute("CREATE STREAM bids (auction BIGINT, price BIGINT, ts TIMESTAMP(3), "
                + "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (partitions = 2, key = 'auction')");
        s.execute("CREATE STREAM big (auction BIGINT, price BIGINT) WITH (partitions = 1)");
    }

    static void insert(Session s, int from, int to) {
        StringBuilder sql = new StringBuilder("INSERT INTO bids VALUES ");
        for (int i = from; i < to; i++) {
            sql.append(i == from ? "" : ", ").append("(").append(i % 7).append(", ").append(i)
                    .append(", TIMESTAMP '2026-01-01 00:00:00' + INTERVAL '").append(i).append("' SECOND)");
        }
        s.execute(sql.toString());
    }

    static List<Object[]> rows(Session s, String sql) {
        RowResult r = (RowResult) s.execute(sql);
        List<Object[]> out = new ArrayList<>();
        for (List<Object[]> chunk = r.fetch(1000); !chunk.isEmpty(); chunk = r.fetch(1000)) {
            out.addAll(chunk);
        }
        return out;
    }

    static List<Long> prices(Session s, String table) {
        return rows(s, "SELECT price FROM " + table).stream().map(r -> (Long) r[0]).sorted().toList();
    }

    static Map<String, Object> job(Session s, String name) {
        RowResult r = (RowResult) s.execute("SHOW JOBS");
        List<String> cols = r.columns().stream().map(c -> c.name()).toList();
        for (Object[] row : rows(s, "SHOW JOBS")) {
            if (row[0].equals(name)) {
                Map<String, Object> m = new java.util.HashMap<>();
                for (int i = 0; i < cols.size(); i++) {
                    m.put(cols.get(i), row[i]);
                }
                return m;
            }
        }
        r.cancel();
        return null;
    }

    static void eventually(BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!cond.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static List<Long> expectedBig(int to) {
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < to; i++) {
            if (i % 3 == 0) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void jobCopiesFilteredRowsWhileAnotherSessionInsertsAndStopJobStopsIt() throws Exception {
        Session a = open();
        Session b = open();
        createStreams(a);
        insert(b, 0, 30);
        StatementResult started = a.execute(
                "CREATE JOB big_bids AS INSERT INTO big SELECT auction, price FROM bids WHERE MOD(price, 3) = 0");
        assertThat(((UpdateResult) started).message()).startsWith("started job big_bids");
        eventually(() -> prices(a, "big").equals(expectedBig(30)));
        for (int round = 1; round <= 3; round++) {
            int to = 30 + round * 20;
            insert(b, to - 20, to);
            eventually(() -> prices(a, "big").equals(expectedBig(to)));
        }
        eventually(() -> ((Long) job(a, "big_bids").get("rows_in")) == 90L);
        Map<String, Object> j = job(a, "big_bids");
        assertThat(j).containsEntry("state", "RUNNING").containsEntry("rows_out", 30L).containsEntry("lag", 0L)
                .containsEntry("query", "INSERT INTO big SELECT auction, price FROM bids WHERE MOD(price, 3) = 0");
        assertThat((String) j.get("offsets")).contains("bids-0=", "bids-1=");
        assertThat(rows(a, "SHOW CONSUMER GROUPS")).anyMatch(r -> r[0].equals("job-big_bids"));

        assertThat(((UpdateResult) a.execute("STOP JOB big_bids")).message()).isEqualTo("stopped job big_bids");
        assertThat(job(a, "big_bids")).containsEntry("state", "STOPPED");
        insert(b, 90, 120);
        Thread.sleep(300);
        assertThat(prices(a, "big")).isEqualTo(expectedBig(90));
        assertThat((Long) job(a, "big_bids").get("lag")).isEqualTo(30L);

        // a stopped job stays stopped across a restart
        restart();
        Session c = open();
        assertThat(job(c, "big_bids")).containsEntry("state", "STOPPED");
        Thread.sleep(300);
        assertThat(prices(c, "big")).isEqualTo(expectedBig(90));

        assertThat(((UpdateResult) c.execute("DROP JOB big_bids")).message()).isEqualTo("dropped job big_bids");
        assertThat(job(c, "big_bids")).isNull();
        assertThat(rows(c, "SHOW CONSUMER GROUPS")).noneMatch(r -> r[0].equals("job-big_bids"));
        RunnelSqlException e = catchThrowableOfType(() -> c.execute("STOP JOB big_bids"), RunnelSqlException.class);
        assertThat(e.sqlState()).isEqualTo("42704");
    }

    @Test
    void aRestartedEngineResumesTheJobFromItsCommittedOffsetsWithoutLosingRows() throws Exception {
        Session a = open();
        createStreams(a);
        insert(a, 0, 40);
        StatementResult started = a.execute("INSERT INTO big SELECT STREAM auction, price FROM bids WHERE MOD(price, 3) = 0");
        assertThat(((UpdateResult) started).message()).startsWith("started job big_job");
        eventually(() -> prices(a, "big").size() == expectedBig(40).size());
        insert(a, 40, 60); // may or may not be copied before the engine closes

        restart();
        Session b = open();
        insert(b, 60, 100);
        assertThat(job(b, "big_job")).containsEntry("state", "RUNNING");
        eventually(() -> prices(b, "big").size() >= expectedBig(100).size());
        eventually(() -> ((Long) job(b, "big_job").get("lag")) == 0L);
        // exactly-once: output is committed with the job's checkpoints, so nothing is lost or repeated
        assertThat(prices(b, "big")).isEqualTo(expectedBig(100));
    }

    @Test
    void scanStartLatestTimestampAndOffsetsForPushQueries() {
        Session a = open();
        createStreams(a);
        insert(a, 0, 20);

        a.execute("SET 'scan.start' = 'latest'");
        RowResult latest = (RowResult) a.execute("SELECT STREAM price FROM bids");
        Session w = open();
        insert(w, 20, 25);
        assertThat(fetchPrices(latest, 5)).containsExactlyInAnyOrder(20L, 21L, 22L, 23L, 24L);
        latest.cancel();

        a.execute("SET 'scan.start' = 'timestamp:2026-01-01 00:00:22'");
        RowResult since = (RowResult) a.execute("SELECT STREAM price FROM bids WHERE price >= 22");
        assertThat(fetchPrices(since, 3)).containsExactlyInAnyOrder(22L, 23L, 24L);
        since.cancel();

        a.execute("SET 'scan.start' = 'offsets:0=1000,1=1000'"); // beyond the end: clamped to it
        RowResult end = (RowResult) a.execute("SELECT STREAM price FROM bids");
        insert(w, 25, 26);
        assertThat(fetchPrices(end, 1)).containsExactly(25L);
        end.cancel();

        // pull queries always read the retained history
        assertThat(rows(a, "SELECT price FROM bids")).hasSize(26);
        a.execute("RESET 'scan.start'");
        RowResult all = (RowResult) a.execute("SELECT STREAM price FROM bids");
        assertThat(fetchPrices(all, 26)).hasSize(26);
        all.cancel();
    }

    @Test
    void scanStartOffsetsPerPartition() {
        Session a = open();
        a.execute("CREATE STREAM s (v BIGINT) WITH (partitions = 1, format = 'json')");
        a.execute("INSERT INTO s VALUES (0), (1), (2), (3), (4)");
        a.execute("SET 'scan.start' = 'offsets:0=3'");
        RowResult r = (RowResult) a.execute("SELECT STREAM v FROM s");
        assertThat(fetchPrices(r, 2)).containsExactly(3L, 4L);
        r.cancel();
    }

    static List<Long> fetchPrices(RowResult r, int n) {
        List<Long> out = new ArrayList<>();
        while (out.size() < n) {
            List<Object[]> chunk = r.fetch(n - out.size());
            if (chunk.isEmpty()) {
                break;
            }
            chunk.forEach(row -> out.add((Long) row[0]));
        }
        return out;
    }

    static Set<Object> firsts(List<Object[]> rows) {
        Set<Object> s = new HashSet<>();
        rows.forEach(r -> s.add(r[0]));
        return s;
    }
}
