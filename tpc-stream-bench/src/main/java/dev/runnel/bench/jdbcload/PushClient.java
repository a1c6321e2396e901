package dev.runnel.bench.jdbcload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One remote JDBC client holding a subscription to the view ({@code SELECT STREAM * FROM
 * auction_stats}) on its own connection and thread, applying each change to its own copy of the
 * view: {@code +I} adds a row that must not be there, {@code -U} and {@code -D} remove a row that
 * must be there with exactly those values, {@code +U} puts the new row in place of the one the
 * {@code -U} before it removed. Every row must fit {@link AuctionBook#total}. At the end its copy
 * must equal the view: then no change was lost, repeated or reordered on the way. {@link #stop()}
 * cancels the statement from another thread.
 */
final class PushClient implements Runnable {
    static final String SUBSCRIBE = "SELECT STREAM * FROM auction_stats";

    private final int id;
    private final String url;
    private final Failures failures;
    private final Map<Long, long[]> copy = new HashMap<>();
    private volatile Statement statement;
    private volatile boolean stopping;
    private volatile long changes;
    private final Map<Long, Long> updating = new HashMap<>(); // auction -> bids of its -U row

    PushClient(int id, String url, Failures failures) {
        this.id = id;
        this.url = url;
        this.failures = failures;
    }

    @Override
    public void run() {
        String who = "push client " + id;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            statement = s;
            if (stopping) {
                return;
            }
            try (ResultSet rs = s.executeQuery(SUBSCRIBE)) {
                int auctionCol = rs.findColumn("auction");
                int bidsCol = rs.findColumn("bids");
                int totalCol = rs.findColumn("total");
                int opCol = rs.findColumn("op");
                while (rs.next()) {
                    apply(who, rs.getLong(auctionCol), rs.getLong(bidsCol), rs.getLong(totalCol), rs.getString(opCol));
                }
                if (!stopping) {
                    failures.violation("subscription: ended by itself", who, "the subscription ended by itself");
                }
            }
        } catch (SQLException e) {
            if (!(stopping && "57014".equals(e.getSQLState()))) {
                failures.error(who, e);
            }
        }
    }

    private synchronized void apply(String who, long auction, long bids, long total, String op) {
        changes++;
        if (total != AuctionBook.total(auction, bids)) {
            failures.violation("subscription: total does not fit the count", who, op + " auction " + auction + ": total " + total + " does not fit " + bids + " bids");
        }
        long[] row = {bids, total};
        long[] old = copy.get(auction);
        switch (Objects.requireNonNullElse(op, "")) {
            case "+I" -> {
                if (old != null) {
                    failures.violation("subscription: a change that does not fit the copy", who, "+I auction " + auction + " which is already there");
                }
                copy.put(auction, row);
            }
            case "-U", "-D" -> {
                if (old == null || old[0] != bids || old[1] != total) {
                    failures.violation("subscription: a change that does not fit the copy", who, op + " auction " + auction + " (" + bids + ", " + total + ") but the copy has "
                            + (old == null ? "no such row" : "(" + old[0] + ", " + old[1] + ")"));
                }
                copy.remove(auction);
                if (op.equals("-U")) {
                    updating.put(auction, bids);
                }
            }
            case "+U" -> {
                Long before = updating.remove(auction);
                if (old != null || before == null) {
                    failures.violation("subscription: a change that does not fit the copy", who, "+U auction " + auction + " without its -U");
                } else if (bids < before) {
                    failures.violation("subscription: a change that does not fit the copy", who, "+U auction " + auction + " goes back from " + before + " to " + bids + " bids");
                }
                copy.put(auction, row);
            }
            default -> failures.violation("subscription: a change that does not fit the copy", who, "unknown op '" + op + "'");
        }
    }

    /** Whether this client's copy of the view is {@code view} now. */
    synchronized boolean matches(Map<Long, long[]> view) {
        if (copy.size() != view.size() || !updating.isEmpty()) {
            return false;
        }
        for (Map.Entry<Long, long[]> e : view.entrySet()) {
            long[] mine = copy.get(e.getKey());
            if (mine == null || mine[0] != e.getValue()[0] || mine[1] != e.getValue()[1]) {
                return false;
            }
        }
        return true;
    }

    /** How the copy differs from {@code view}, for the report. */
    synchronized String difference(Map<Long, long[]> view) {
        int missing = 0;
        int wrong = 0;
        for (Map.Entry<Long, long[]> e : view.entrySet()) {
            long[] mine = copy.get(e.getKey());
            if (mine == null) {
                missing++;
            } else if (mine[0] != e.getValue()[0] || mine[1] != e.getValue()[1]) {
                wrong++;
            }
        }
        int extra = 0;
        for (Long k : copy.keySet()) {
            if (!view.containsKey(k)) {
                extra++;
            }
        }
        return missing + " rows missing, " + wrong + " rows differing, " + extra + " rows extra, " + updating.size()
                + " updates without their +U";
    }

    long changes() {
        return changes;
    }

    /** Cancels the subscription (the reading thread then ends). */
    void stop() {
        stopping = true;
        Statement s = statement;
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException e) {
                // closed already
            }
        }
    }
}
