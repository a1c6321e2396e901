package dev.runnel.planner.query;

import static dev.runnel.planner.testing.Planning.error;
import static dev.runnel.planner.testing.Planning.queryError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.testing.TestStatements;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import org.junit.jupiter.api.Test;

/**
 * Bad window queries fail at planning, before anything starts, with a SQLSTATE and the position of
 * what is wrong: 42000 for a rule broken, 0A000 for what Runnel cannot run yet.
 */
class WindowErrorsTest {
    private static final String GROUP = " GROUP BY window_start, window_end";

    /** The error of a window query over {@code tvf}, e.g. {@code TUMBLE(TABLE bids, ...)}. */
    private static RunnelSqlException tvf(String tvf) {
        return queryError("SELECT COUNT(*) FROM TABLE(" + tvf + ")" + GROUP);
    }

    private static final int AT = "SELECT COUNT(*) FROM TABLE(".length() + 1; // column of the function's name

    private static void assertError(RunnelSqlException e, String state, int column, String detail) {
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(e.sqlState()).isEqualTo(state);
        assertThat(e.position()).isEqualTo(new SourcePos(1, column));
    }

    @Test
    void aWindowOnAColumnThatIsNotATimeAttributeIsAnErrorAtTheColumn() {
        RunnelSqlException e = error(TestStatements.statementAt("SELECT COUNT(*)\n"
                + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(price), INTERVAL '10' SECOND))" + GROUP,
                new SourcePos(3, 5)));
        assertThat(e.sqlState()).isEqualTo("42000");
        assertThat(e.detail()).isEqualTo("window on 'price', which is not a time attribute; the time attribute of"
                + " stream 'bids' is 'date_time' (its WATERMARK FOR column)");
        assertThat(e.position()).isEqualTo(new SourcePos(4, 42));

        assertError(tvf("TUMBLE(TABLE big_bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)"), "42000",
                AT + 34, "window on 'date_time', which is not a time attribute; declare WATERMARK FOR date_time AS ..."
                        + " on the stream 'big_bids'");
        assertError(tvf("TUMBLE((SELECT date_time + INTERVAL '1' SECOND AS t FROM bids), DESCRIPTOR(t),"
                + " INTERVAL '10' SECOND)"), "42000", AT + 75, "window on 't', which is not a time attribute; window"
                + " directly on the column of a stream declared with WATERMARK FOR (an expression over it is an"
                + " ordinary value)");
        assertError(queryError("SELECT COUNT(*) FROM bids GROUP BY TUMBLE(price, INTERVAL '1' SECOND)"), "42000", 43,
                "window on 'price', which is not a time attribute; the time attribute of stream 'bids' is"
                        + " 'date_time' (its WATERMARK FOR column)");
    }

    @Test
    void aSessionWithoutAGapSaysSo() {
        assertError(tvf("SESSION(TABLE bids PARTITION BY bidder, DESCRIPTOR(date_time))"), "42000", AT,
                "SESSION needs a gap: SESSION(TABLE t [PARTITION BY key], DESCRIPTOR(ts), gap)");
        assertError(queryError("SELECT COUNT(*) FROM bids GROUP BY bidder, SESSION(date_time)"), "42000", 44,
                "SESSION needs a gap: GROUP BY SESSION(ts, gap)");
        assertError(tvf("HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '1' SECOND)"), "42000", AT,
                "HOP needs a size after its slide: HOP(TABLE t, DESCRIPTOR(ts), slide, size [, offset])");
    }

    @Test
    void durationsArePositiveIntervalLiterals() {
        assertError(tvf("TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '-10' SECOND)"), "42000", AT + 42,
                "the size of TUMBLE must be positive, not INTERVAL '-10' SECOND");
        assertError(tvf("TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '0' SECOND)"), "42000", AT + 42,
                "the size of TUMBLE must be positive, not INTERVAL '0' SECOND");
        assertError(tvf("SESSION(TABLE bids, DESCRIPTOR(date_time), -INTERVAL '5' MINUTE)"), "42000", AT + 43,
                "the gap of SESSION must be positive, not - INTERVAL '5' MINUTE");
        assertError(tvf("TUMBLE(TABLE bids, DESCRIPTOR(date_time), 10)"), "42000", AT + 42,
                "the size of TUMBLE must be an INTERVAL literal such as INTERVAL '10' SECOND");
        assertError(tvf("TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '1' MONTH)"), "0A000", AT + 42,
                "a window size in months or years is not supported yet (use DAY, HOUR, MINUTE or SECOND)");
        assertError(queryError("SELECT COUNT(*) FROM bids GROUP BY HOP(date_time, INTERVAL '0' SECOND,"
                + " INTERVAL '1' MINUTE)"), "42000", 51, "the slide of HOP must be positive, not INTERVAL '0' SECOND");
    }

    @Test
    void aHopOrCumulateSizeIsAMultipleOfItsSlideOrStep() {
        assertError(tvf("HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '3' SECOND, INTERVAL '10' SECOND)"), "42000",
                AT + 60, "the size of HOP (INTERVAL '10' SECOND) must be a multiple of its slide (INTERVAL '3' SECOND)");
        assertError(tvf("CUMULATE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '7' MINUTE, INTERVAL '1' HOUR)"), "42000",
                AT + 65, "the size of CUMULATE (INTERVAL '1' HOUR) must be a multiple of its step (INTERVAL '7' MINUTE)");
        assertError(queryError("SELECT COUNT(*) FROM bids GROUP BY HOP(date_time, INTERVAL '3' SECOND,"
                + " INTERVAL '10' SECOND)"), "42000", 72,
                "the size of HOP (INTERVAL '10' SECOND) must be a multiple of its slide (INTERVAL '3' SECOND)");
    }

    @Test
    void sumOfANonNumberIsATypeError() {
        assertError(queryError("SELECT SUM(channel) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time),"
                + " INTERVAL '10' SECOND))" + GROUP), "42804", 8, "cannot apply 'SUM' to VARCHAR (supported: SUM(NUMERIC))");
    }

    @Test
    void unknownColumnsSuggestTheClosest() {
        assertError(tvf("TUMBLE(TABLE bids, DESCRIPTOR(date_tme), INTERVAL '10' SECOND)"), "42S22", AT + 30,
                "unknown column 'date_tme' (did you mean 'date_time'?)");
        assertError(tvf("SESSION(TABLE bids PARTITION BY biddr, DESCRIPTOR(date_time), INTERVAL '1' SECOND)"), "42S22",
                AT + 32, "unknown column 'biddr' (did you mean 'bidder'?)");
    }

    @Test
    void whatRunnelCannotRunYetIsNotSupported() {
        assertError(tvf("TUMBLE(TABLE users, DESCRIPTOR(id), INTERVAL '10' SECOND)"), "0A000", AT + 31,
                "windows over table 'users' are not supported yet: a TABLE is a changelog; window a STREAM");
        assertError(queryError("WITH b AS (SELECT auction, PROCTIME() AS p FROM bids) SELECT * FROM (SELECT *,"
                + " ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY auction) AS rn FROM TABLE(TUMBLE(TABLE b, DESCRIPTOR(p), INTERVAL '10'"
                + " SECOND))) WHERE rn <= 3"), "0A000", 80,
                "window Top-N over processing time (PROCTIME()) is not supported yet");
        assertError(queryError("SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time),"
                + " INTERVAL '10' SECOND)) GROUP BY window_start"), "0A000", 1,
                "an aggregate over TUMBLE that does not GROUP BY window_start and window_end is not supported yet");
        assertError(queryError("SELECT * FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))"),
                "0A000", 1, "TUMBLE not followed by GROUP BY window_start, window_end, a window Top-N or a window"
                        + " join with another window table function is not supported yet");
        assertError(queryError("SELECT bidder, COUNT(*) FROM TABLE(SESSION(TABLE bids PARTITION BY auction,"
                + " DESCRIPTOR(date_time), INTERVAL '10' SECOND)) GROUP BY bidder, window_start, window_end"), "0A000",
                1, "a SESSION window aggregate whose GROUP BY keys (besides window_start and window_end) are not its"
                        + " PARTITION BY columns is not supported yet");
        assertError(tvf("TUMBLE((SELECT b.date_time FROM bids b JOIN auctions a ON b.auction = a.id),"
                + " DESCRIPTOR(date_time), INTERVAL '10' SECOND)"), "0A000", 1,
                "a window over a join without time bounds: window a stream, optionally filtered and projected, or an"
                        + " interval join of two, is not supported yet");
        assertError(tvf("TUMBLE((SELECT date_time FROM bids UNION ALL SELECT date_time FROM auctions),"
                + " DESCRIPTOR(date_time), INTERVAL '10' SECOND)"), "0A000", 1,
                "a window over a UNION: window a stream, optionally filtered and projected, is not supported yet");
        assertError(queryError("SELECT COUNT(*) FROM bids GROUP BY TUMBLE(date_time, INTERVAL '1' SECOND),"
                + " TUMBLE(date_time, INTERVAL '2' SECOND)"), "0A000", 76,
                "GROUP BY with more than one window is not supported yet");
        assertError(queryError("SELECT COUNT(*) FROM TABLE(TUMBLE((SELECT window_time FROM TABLE(TUMBLE(TABLE bids,"
                + " DESCRIPTOR(date_time), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, window_time),"
                + " DESCRIPTOR(window_time), INTERVAL '1' MINUTE))" + GROUP), "0A000", 191,
                "a window over the 'window_time' of another window (cascading windows) is not supported yet");
        assertThat(queryError("SELECT SUM(price) OVER (PARTITION BY auction ORDER BY date_time"
                + " RANGE INTERVAL '5' MINUTE FOLLOWING) FROM bids").detail())
                .startsWith("an OVER frame on a stream must end at CURRENT ROW");
    }

    @Test
    void misplacedWindowSyntaxIsExplained() {
        assertError(tvf("TUMBLE(TABLE bids PARTITION BY auction, DESCRIPTOR(date_time), INTERVAL '1' SECOND)"),
                "42000", AT, "PARTITION BY in the table argument is for SESSION windows only, not TUMBLE");
        assertError(queryError("SELECT TUMBLE_END(date_time, INTERVAL '10' SECOND), COUNT(*) FROM bids GROUP BY auction"),
                "42000", 8, "TUMBLE_START and TUMBLE_END need GROUP BY TUMBLE(...) with the same arguments");
        assertError(tvf("TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '1' SECOND, INTERVAL '0' SECOND,"
                + " INTERVAL '0' SECOND)"), "42000", AT + 84,
                "too many arguments for TUMBLE: TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])");
    }

    @Test
    void severalSessionKeysGoInParentheses() {
        assertError(tvf("SESSION(TABLE bids PARTITION BY auction, bidder, DESCRIPTOR(date_time), INTERVAL '1' SECOND)"),
                "42000", AT + 41, "several PARTITION BY columns are written in parentheses: PARTITION BY (a, b)");
    }

    @Test
    void routedLateRowsNeedAStreamWithTheSameColumns() {
        var catalog = dev.runnel.planner.testing.TestCatalog.standard()
                .with(dev.runnel.planner.testing.TestCatalog.withOptions(
                        dev.runnel.planner.testing.TestCatalog.standard().get("bids"),
                        java.util.Map.of("late", "route", "late_target", "bids_late")));
        RunnelSqlException missing = error(TestStatements.statement("SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE bids,"
                + " DESCRIPTOR(date_time), INTERVAL '10' SECOND))" + GROUP), catalog);
        assertError(missing, "42000", AT, "late rows of stream 'bids' go to 'bids_late' (its late_target), which is not"
                + " a stream: create it with the columns of 'bids' first");

        var withTarget = catalog.with(dev.runnel.planner.testing.TestCatalog.stream("bids_late",
                catalog.get("payments").columns(), java.util.Optional.empty(), 1,
                dev.runnel.planner.catalog.Format.JSON, java.util.List.of()));
        RunnelSqlException other = error(TestStatements.statement("SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE bids,"
                + " DESCRIPTOR(date_time), INTERVAL '10' SECOND))" + GROUP), withTarget);
        assertThat(other.detail()).isEqualTo("late rows of stream 'bids' go to 'bids_late' (its late_target), which"
                + " needs the same columns as 'bids' (late rows are appended unchanged)");
    }
}
