package dev.runnel.bench.cluster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A view the cluster benchmark maintains over {@code bids}, and how its rows are checked: against
 * the same query run as a bounded pull query over the whole stream. A window aggregate's view
 * holds only the windows its watermark has closed — those ending at or before the smallest
 * partition's largest {@code date_time} less the stream's 4 s delay — so only those are expected.
 *
 * @param name  how reports name it
 * @param view  the materialized view's name
 * @param query the view's query
 */
record Workload(String name, String view, String query, boolean windowed) {
    static final Workload VIEW = new Workload("view maintenance", "bid_totals",
            "SELECT bidder, COUNT(*) AS n, SUM(price) AS total FROM bids GROUP BY bidder", false);
    static final Workload WINDOW = new Workload("windowed aggregate", "bid_windows",
            "SELECT window_start, window_end, auction, COUNT(*) AS n, MAX(price) AS top"
                    + " FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
                    + " GROUP BY window_start, window_end, auction", true);
    private static final long DELAY_MILLIS = 4_000;

    static Workload named(String key) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "view" -> VIEW;
            case "window" -> WINDOW;
            default -> throw new IllegalArgumentException("unknown workload " + key + " (view, window)");
        };
    }

    String create() {
        return "CREATE MATERIALIZED VIEW " + view + " AS " + query;
    }

    /** What the check found. */
    record Check(boolean ok, long rows, String detail) {}

    /** Compares the view's rows with the pull query's (through {@code s}, after the view caught up). */
    Check check(Statement s, long events) throws SQLException {
        List<String> expected;
        if (windowed) {
            long closed = Long.MAX_VALUE;
            try (ResultSet rs = s.executeQuery("SELECT MIN(m) FROM (SELECT _partition AS p, MAX(date_time) AS m"
                    + " FROM bids GROUP BY _partition) t")) {
                rs.next();
                closed = rs.getTimestamp(1).getTime() - DELAY_MILLIS;
            }
            expected = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(query)) {
                while (rs.next()) {
                    if (rs.getTimestamp(2).getTime() <= closed) {
                        expected.add(text(rs));
                    }
                }
            }
        } else {
            expected = rows(s, query);
        }
        List<String> got = rows(s, "SELECT * FROM " + view);
        Collections.sort(expected);
        Collections.sort(got);
        if (!windowed) {
            long n = 0;
            for (String r : got) {
                n += Long.parseLong(r.split("\\|")[1]);
            }
            if (n != events) {
                return new Check(false, got.size(), "the view counts " + n + " bids, not " + events);
            }
        }
        if (got.equals(expected)) {
            return new Check(true, got.size(), String.format(Locale.ROOT, "%,d rows equal the pull query's", got.size()));
        }
        Set<String> missing = new TreeSet<>(expected);
        got.forEach(missing::remove);
        Set<String> extra = new TreeSet<>(got);
        expected.forEach(extra::remove);
        return new Check(false, got.size(), String.format(Locale.ROOT,
                "%,d rows, the pull query %,d: %d missing (first %s), %d extra (first %s)", got.size(),
                expected.size(), missing.size(), missing.isEmpty() ? "-" : missing.iterator().next(), extra.size(),
                extra.isEmpty() ? "-" : extra.iterator().next()));
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(text(rs));
            }
        }
        return out;
    }

    private static String text(ResultSet rs) throws SQLException {
        int n = rs.getMetaData().getColumnCount();
        StringBuilder b = new StringBuilder();
        for (int c = 1; c <= n; c++) {
            b.append(c > 1 ? "|" : "").append(rs.getString(c));
        }
        return b.toString();
    }
}
