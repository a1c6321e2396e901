package dev.runnel.exec.crash;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import java.nio.file.Path;
import java.util.List;

/**
 * The process {@link ViewCrashTest} kills: opens the engine in a data directory, creates the stream,
 * the views and two jobs (with their output streams) if they are not there yet, then appends the deterministic input (row {@code i} is
 * always the same) from where the stream ends, in small INSERTs, until {@code total} rows are there,
 * printing {@code READY} once the views exist and {@code APPENDED n} as it goes. Arguments: data
 * directory, total rows, then {@code exit} to end cleanly after the last row (else it idles until
 * killed).
 */
public final class ViewCrashChild {
    static final String STREAM = "CREATE STREAM IF NOT EXISTS bids (auction BIGINT, price BIGINT, ts TIMESTAMP(3),"
            + " WATERMARK FOR ts AS ts - INTERVAL '0.2' SECOND) WITH (partitions = 1)";
    static final String WINDOW_QUERY = "SELECT window_start, window_end, auction, COUNT(*) AS n, SUM(price) AS total"
            + " FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '1' SECOND))"
            + " GROUP BY window_start, window_end, auction";
    static final String GROUP_QUERY = "SELECT auction, COUNT(*) AS n, SUM(price) AS total, MAX(price) AS top"
            + " FROM bids GROUP BY auction";
    static final String NESTED_QUERY = "SELECT n, COUNT(*) AS auctions, MIN(top) AS low FROM g GROUP BY n";
    static final String NESTED_DIRECT = "SELECT n, COUNT(*) AS auctions, MIN(top) AS low FROM (" + GROUP_QUERY
            + ") GROUP BY n";
    /** The job outputs: a window aggregate (stateful, columnar) and a filter into a keyed json stream of 3 partitions. */
    static final String WINDOW_OUT = "CREATE STREAM IF NOT EXISTS wout (window_start TIMESTAMP(3),"
            + " window_end TIMESTAMP(3), auction BIGINT, n BIGINT, total BIGINT) WITH (partitions = 2)";
    static final String FILTER_OUT = "CREATE STREAM IF NOT EXISTS fout (auction BIGINT, price BIGINT, ts TIMESTAMP(3))"
            + " WITH (partitions = 3, key = 'auction', format = 'json')";
    static final String FILTER_QUERY = "SELECT auction, price, ts FROM bids WHERE MOD(price, 3) <> 1";
    static final long BASE = 1_767_225_600_000L; // 2026-01-01 00:00:00 UTC
    static final int CHUNK = 40;

    private ViewCrashChild() {}

    /** Row {@code i} of the input: 30 auctions, disordered times (some late for their window). */
    static String row(long i) {
        long ts = BASE + i * 13 - (i % 11 == 0 ? 700 : 0);
        return "(" + (i * 7 % 30) + ", " + (i * 31 % 97) + ", TIMESTAMP '" + java.time.LocalDateTime.ofEpochSecond(
                ts / 1000, (int) (ts % 1000) * 1_000_000, java.time.ZoneOffset.UTC).toString().replace('T', ' ') + "')";
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long total = Long.parseLong(args[1]);
        boolean exit = args.length > 2 && args[2].equals("exit");
        try (Engine engine = Engines.open(EngineConfig.file(dir)); Session s = engine.openSession()) {
            s.execute(STREAM);
            s.execute("CREATE MATERIALIZED VIEW IF NOT EXISTS w AS " + WINDOW_QUERY);
            s.execute("CREATE MATERIALIZED VIEW IF NOT EXISTS g AS " + GROUP_QUERY);
            s.execute("CREATE MATERIALIZED VIEW IF NOT EXISTS vv AS " + NESTED_QUERY);
            s.execute(WINDOW_OUT);
            s.execute(FILTER_OUT);
            s.execute("SET checkpoint.interval = '200ms'"); // many commits, so kills land inside some
            s.execute("CREATE JOB IF NOT EXISTS wj AS INSERT INTO wout " + WINDOW_QUERY);
            s.execute("CREATE JOB IF NOT EXISTS fj AS INSERT INTO fout " + FILTER_QUERY);
            System.out.println("READY");
            System.out.flush();
            long next = count(s);
            while (next < total) {
                StringBuilder sql = new StringBuilder("INSERT INTO bids VALUES ");
                long end = Math.min(total, next + CHUNK);
                for (long i = next; i < end; i++) {
                    sql.append(i == next ? "" : ", ").append(row(i));
                }
                s.execute(sql.toString());
                next = end;
                System.out.println("APPENDED " + next);
                System.out.flush();
                Thread.sleep(2);
            }
            if (exit) {
                return;
            }
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    static long count(Session s) {
        RowResult r = (RowResult) s.execute("SELECT COUNT(*) FROM bids");
        List<Object[]> rows = r.fetch(10);
        return (Long) rows.get(0)[0];
    }
}
