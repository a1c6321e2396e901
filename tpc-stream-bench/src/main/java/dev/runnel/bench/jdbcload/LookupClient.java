package dev.runnel.bench.jdbcload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One remote JDBC client doing point lookups on the view with a prepared statement
 * ({@code SELECT bids, total FROM auction_stats WHERE auction = ?}) at a fixed rate, on its own
 * connection and thread. Two latencies per lookup, in microseconds: the round trip (execute and read
 * the row) and the latency from when the lookup was due by the schedule, which also counts the time
 * it waited behind a slow predecessor (so a stall is not hidden by the requests it delayed).
 *
 * <p>Each answer is checked: the count is at most the bids sent for that auction so far, at least
 * those acknowledged before the lookup began when the session reads its writes
 * ({@code consistency = 'read-your-writes'}), never lower than this client saw before for the same
 * auction, and the total fits the count ({@link AuctionBook#total}).
 */
final class LookupClient implements Runnable {
    static final String LOOKUP = "SELECT bids, total FROM auction_stats WHERE auction = ?";

    private final int id;
    private final String url;
    private final AuctionBook book;
    private final Failures failures;
    private final double perSecond;
    private final boolean readsItsWrites;
    private final SplittableRandom random;
    private final long[] lastSeen;
    private final Histogram roundTrip = new Histogram(60_000_000L, 3);
    private final Histogram fromSchedule = new Histogram(60_000_000L, 3);
    private volatile boolean recording;
    private volatile boolean stopping;
    private long lookups;
    private long found;

    LookupClient(int id, String url, AuctionBook book, Failures failures, double perSecond, boolean readsItsWrites,
            long seed) {
        this.id = id;
        this.url = url;
        this.book = book;
        this.failures = failures;
        this.perSecond = perSecond;
        this.readsItsWrites = readsItsWrites;
        this.random = new SplittableRandom(seed);
        this.lastSeen = new long[book.auctions() + 1];
    }

    @Override
    public void run() {
        String who = "lookup client " + id;
        long interval = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        try (Connection c = DriverManager.getConnection(url)) {
            if (!readsItsWrites) {
                try (var s = c.createStatement()) {
                    s.execute("SET consistency = 'eventual'");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(LOOKUP)) {
                long due = System.nanoTime() + random.nextLong(interval); // clients out of step
                while (!stopping) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    int auction = 1 + random.nextInt(book.auctions());
                    long ackedBefore = book.acked(auction);
                    long start = System.nanoTime();
                    try {
                        lookup(ps, auction, ackedBefore, who);
                    } catch (SQLException e) {
                        failures.error(who, e);
                    }
                    long end = System.nanoTime();
                    lookups++;
                    if (recording) {
                        record(roundTrip, (end - start) / 1000);
                        record(fromSchedule, (end - Math.min(due, start)) / 1000);
                    }
                    due += interval;
                }
            }
        } catch (SQLException e) {
            failures.error(who, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void lookup(PreparedStatement ps, int auction, long ackedBefore, String who) throws SQLException {
        ps.setLong(1, auction);
        long bids = 0;
        long total = 0;
        int rows = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                bids = rs.getLong(1);
                total = rs.getLong(2);
                rows++;
            }
        }
        long sentAfter = book.sent(auction);
        if (rows == 1) {
            found++;
        }
        String at = "auction " + auction + ": ";
        if (rows > 1) {
            failures.violation("lookup: several rows for one key", who, at + rows + " rows");
        } else if (rows == 0 && Math.max(lastSeen[auction], readsItsWrites ? ackedBefore : 0) > 0) {
            failures.violation("lookup: the row of an auction with bids was missing", who, at + "no row, but "
                    + ackedBefore + " bids were acknowledged before the lookup and this client saw " + lastSeen[auction]);
        } else if (readsItsWrites && bids < ackedBefore) {
            failures.violation("lookup: fewer bids than acknowledged before it (read-your-writes)", who, at + bids
                    + " bids, but " + ackedBefore + " were acknowledged before the lookup");
        } else if (bids < lastSeen[auction]) {
            failures.violation("lookup: the count went down", who, at + bids + " bids after " + lastSeen[auction]);
        }
        if (bids > sentAfter) {
            failures.violation("lookup: more bids than were sent", who, at + bids + " bids, but only " + sentAfter
                    + " were sent");
        }
        if (rows == 1 && total != AuctionBook.total(auction, bids)) {
            failures.violation("lookup: total does not fit the count (torn row)", who, at + "total " + total
                    + " does not fit " + bids + " bids");
        }
        lastSeen[auction] = Math.max(lastSeen[auction], bids);
    }

    private static void record(Histogram h, long micros) {
        h.recordValue(Math.max(0, Math.min(micros, h.getHighestTrackableValue())));
    }

    void record() {
        recording = true;
    }

    void stop() {
        stopping = true;
    }

    /** Read after the thread ended. */
    Histogram roundTrip() {
        return roundTrip;
    }

    /** Read after the thread ended. */
    Histogram fromSchedule() {
        return fromSchedule;
    }

    /** Lookups done (warm-up included); read after the thread ended. */
    long lookups() {
        return lookups;
    }

    /** Lookups that found their auction; read after the thread ended. */
    long found() {
        return found;
    }
}
