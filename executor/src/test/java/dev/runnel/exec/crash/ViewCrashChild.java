package dev.runnel.exec.crash;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import java.nio.file.Path;
import java.util.List;

/**
 * The process {@link ViewCrashTest} kills: opens the engine in a data directory, creates the streams
 * and the views (one of them over an interval join of {@code asks} and {@code offers}) if they are
 * not there yet, then appends the deterministic input (row {@code i} is
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
    /** Two more streams, in event-time order but for a little disorder the watermark absorbs. */
    static final String ASKS = "CREATE STREAM IF NOT EXISTS asks (auction BIGINT, price BIGINT, ts TIMESTAMP(3),"
            + " WATERMARK FOR ts AS ts - INTERVAL '0.2' SECOND) WITH (partitions = 1)";
    static final String OFFERS = "CREATE STREAM IF NOT EXISTS offers (auction BIGINT, price BIGINT, ts TIMESTAMP(3),"
            + " WATERMARK FOR ts AS ts - INTERVAL '0.2' SECOND) WITH (partitions = 1)";
    /** An interval join of the two under a GROUP BY: a view whose pipeline has two unbounded inputs. */
    static final String JOIN_QUERY = "SELECT a.auction, COUNT(*) AS n, SUM(o.price) AS total FROM asks a JOIN offers o"
            + " ON a.auction = o.auction AND o.ts BETWEEN a.ts - INTERVAL '0.5' SECOND AND a.ts + INTERVAL '0.5' SECOND"
            + " GROUP BY a.auction";
    static final long BASE = 1_767_225_600_000L; // 2026-01-01 00:00:00 UTC
    static final int CHUNK = 40;

    private ViewCrashChild() {}

    /** Row {@code i} of the input: 30 auctions, disordered times (some late for their window). */
    static String row(long i) {
        long ts = BASE + i * 13 - (i % 11 == 0 ? 700 : 0);
        return "(" + (i * 7 % 30) + ", " + (i * 31 % 97) + ", TIMESTAMP '" + java.time.LocalDateTime.ofEpochSecond(
                ts / 1000, (int) (ts % 1000) * 1_000_000, java.time.ZoneOffset.UTC).toString().replace('T', ' ') + "')";
    }

    /** Row {@code i} of {@code asks} ({@code stream} 1) or {@code offers} (2): at most 90 ms out of order. */
    static String row(int stream, long i) {
        long ts = BASE + i * 13 - (stream == 2 ? (i % 7) * 15 : 0);
        return "(" + (i * (stream == 1 ? 7 : 11) % 30) + ", " + (i * 17 % 89) + ", TIMESTAMP '"
                + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                        .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.ofEpochMilli(ts)) + "')";
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
            s.execute(ASKS);
            s.execute(OFFERS);
            s.execute("CREATE MATERIALIZED VIEW IF NOT EXISTS j AS " + JOIN_QUERY);
            System.out.println("READY");
            System.out.flush();
            long next = count(s);
            long[] others = {count(s, "asks"), count(s, "offers")};
            while (next < total || others[0] < total || others[1] < total) {
                for (int stream = 1; stream <= 2; stream++) { // the join's inputs, each from where it ends
                    long from = others[stream - 1];
                    if (from < total) {
                        long end = Math.min(total, from + CHUNK);
                        StringBuilder sql = new StringBuilder("INSERT INTO " + (stream == 1 ? "asks" : "offers")
                                + " VALUES ");
                        for (long i = from; i < end; i++) {
                            sql.append(i == from ? "" : ", ").append(row(stream, i));
                        }
                        s.execute(sql.toString());
                        others[stream - 1] = end;
                    }
                }
                if (next >= total) {
                    continue;
                }
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
        return count(s, "bids");
    }

    static long count(Session s, String stream) {
        RowResult r = (RowResult) s.execute("SELECT COUNT(*) FROM " + stream);
        List<Object[]> rows = r.fetch(10);
        return (Long) rows.get(0)[0];
    }
}
