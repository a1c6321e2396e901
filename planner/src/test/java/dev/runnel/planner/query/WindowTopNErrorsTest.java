package dev.runnel.planner.query;

import static dev.runnel.planner.testing.Planning.queryError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import org.junit.jupiter.api.Test;

/**
 * ROW_NUMBER() in a form window Top-N does not take, RANK and DENSE_RANK fail at planning (OVER
 * aggregates: {@code OverErrorsTest}) with 0A000 at the OVER call (never with wrong rows).
 */
class WindowTopNErrorsTest {
    private static final String TUMBLE = "TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))";
    private static final String PREFIX = "SELECT * FROM (SELECT auction, ";
    private static final int AT = PREFIX.length() + 1; // the column of the function called with OVER

    /** A Top-N shaped query with {@code over} as its ranking column and {@code where} around it. */
    private static RunnelSqlException topN(String over, String from, String where) {
        return queryError(PREFIX + over + " AS rn FROM " + from + ") WHERE " + where);
    }

    private static void assertNotSupported(RunnelSqlException e, int column, String detail) {
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(e.position()).isEqualTo(new SourcePos(1, column));
    }

    @Test
    void rankAndDenseRankAreNotSupportedYet() {
        assertNotSupported(topN("RANK() OVER (PARTITION BY window_start, window_end ORDER BY price DESC)", TUMBLE,
                "rn <= 3"), AT, "RANK() OVER (window Top-N and deduplication take ROW_NUMBER()) is not supported yet");
        assertNotSupported(topN("DENSE_RANK() OVER (PARTITION BY window_start, window_end ORDER BY price DESC)",
                TUMBLE, "rn <= 3"), AT,
                "DENSE_RANK() OVER (window Top-N and deduplication take ROW_NUMBER()) is not supported yet");
        assertNotSupported(queryError("SELECT auction, RANK() OVER (PARTITION BY auction ORDER BY price) FROM bids"),
                17, "RANK() OVER (window Top-N and deduplication take ROW_NUMBER()) is not supported yet");
    }

    @Test
    void rowNumberOverAWindowNeedsBothBoundsInItsPartition() {
        // over a plain stream it is a regular Top-N (TopNNode); over windows, half a window is an error
        String detail = "ROW_NUMBER() OVER without PARTITION BY window_start, window_end of a window table function"
                + " or window aggregate (regular Top-N and deduplication) is not supported yet";
        assertNotSupported(topN("ROW_NUMBER() OVER (PARTITION BY window_start ORDER BY price DESC)", TUMBLE,
                "rn <= 3"), AT, detail);
        assertNotSupported(topN("ROW_NUMBER() OVER (ORDER BY price DESC)", TUMBLE, "rn = 1"), AT, detail);
        assertNotSupported(topN("ROW_NUMBER() OVER (PARTITION BY window_end ORDER BY bids DESC)",
                "(SELECT window_start, window_end, auction, COUNT(*) AS bids FROM " + TUMBLE
                        + " GROUP BY window_start, window_end, auction)", "rn <= 3"), AT, detail);
    }

    @Test
    void rowNumberNeedsAFilterWithAnUpperBound() {
        assertNotSupported(queryError("SELECT auction, ROW_NUMBER() OVER (PARTITION BY window_start, window_end"
                + " ORDER BY price DESC) AS rn FROM " + TUMBLE), 17, "ROW_NUMBER() OVER without a filter on it (window"
                + " Top-N: WHERE rownum <= N over PARTITION BY window_start, window_end) is not supported yet");
        assertNotSupported(topN("ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC)",
                TUMBLE, "rn > 3"), AT, "ROW_NUMBER() OVER without an upper bound on it (window Top-N: WHERE rownum"
                + " <= N) is not supported yet");
        assertNotSupported(topN("ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC)",
                TUMBLE, "rn <= 3 OR auction = 1"), AT, "a condition on ROW_NUMBER() other than rownum <= N, < N, = N,"
                + " >= N or > N is not supported yet");
        assertNotSupported(topN("ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC)",
                TUMBLE, "rn <= 2000000"), AT, "a window Top-N of more than 1048576 rows per window is not supported yet");
    }

    @Test
    void windowTopNTakesAlignedWindowsAndAppendOnlyInput() {
        assertNotSupported(topN("ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC)",
                "TABLE(SESSION(TABLE bids PARTITION BY auction, DESCRIPTOR(date_time), INTERVAL '5' SECOND))",
                "rn <= 3"), AT, "window Top-N directly over SESSION (over a SESSION window aggregate it works) is not"
                + " supported yet");
        assertNotSupported(queryError("SELECT * FROM (SELECT url, ROW_NUMBER() OVER (PARTITION BY window_start,"
                + " window_end ORDER BY ts DESC) AS rn FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1'"
                + " MINUTE))) WHERE rn <= 3"), 28, "window Top-N over a stream with late = 'update' (emitted rows"
                + " cannot be taken back) is not supported yet");
        assertNotSupported(queryError("SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start,"
                + " window_end ORDER BY n DESC) AS rn FROM (SELECT window_start, window_end, url, COUNT(*) AS n FROM"
                + " TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start,"
                + " window_end, url)) WHERE rn <= 3"), 26, "window Top-N over a window aggregate with late = 'update'"
                + " (an updating input) is not supported yet");
    }
}
