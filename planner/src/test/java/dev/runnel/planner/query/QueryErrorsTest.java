package dev.runnel.planner.query;

import static dev.runnel.planner.testing.Planning.error;
import static dev.runnel.planner.testing.Planning.queryError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.testing.TestStatements;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import org.junit.jupiter.api.Test;

/** The errors users see for queries: SQLSTATE, wording, suggestion and the exact script position. */
class QueryErrorsTest {

    @Test
    void unknownColumnOnTheFourthLineOfAScriptWhoseQueryStartsOnLineThree() {
        // 1: SET 'parallelism' = '2';
        // 2: -- top bids
        // 3: SELECT auction,
        // 4:        pricee
        // 5: FROM bids;
        String body = "SELECT auction,\n       pricee\nFROM bids";
        RunnelSqlException e = error(TestStatements.statementAt(body, new SourcePos(3, 1)));

        assertThat(e.sqlState()).isEqualTo("42S22");
        assertThat(e.detail()).isEqualTo("unknown column 'pricee' (did you mean 'price'?)");
        assertThat(e.position()).isEqualTo(new SourcePos(4, 8));
        assertThat(e.getMessage()).isEqualTo("line 4, column 8: unknown column 'pricee' (did you mean 'price'?)");
    }

    @Test
    void positionsOnTheBodysFirstLineAreShiftedByWhereTheBodyStarts() {
        // line 3: "EXPLAIN SELECT pricee FROM bids": the body starts at column 9
        RunnelSqlException e = error(TestStatements.statementAt("SELECT pricee FROM bids", new SourcePos(3, 9)));

        assertThat(e.position()).isEqualTo(new SourcePos(3, 16));
    }

    @Test
    void unknownQualifiedAndMetadataColumnsSuggestToo() {
        assertThat(queryError("SELECT b.pricee FROM bids b").detail()).isEqualTo("unknown column 'pricee' (did you mean 'price'?)");
        assertThat(queryError("SELECT _ofset FROM bids").detail()).isEqualTo("unknown column '_ofset' (did you mean '_offset'?)");
        assertThat(queryError("SELECT zzz FROM bids").detail()).isEqualTo("unknown column 'zzz'");
    }

    @Test
    void unknownTable() {
        RunnelSqlException e = queryError("SELECT *\nFROM bidz");

        assertThat(e.sqlState()).isEqualTo("42S02");
        assertThat(e.detail()).isEqualTo("unknown stream or table 'bidz' (did you mean 'bids'?)");
        assertThat(e.position()).isEqualTo(new SourcePos(2, 6));
    }

    @Test
    void unknownFunctionWithArgumentTypesAndSuggestion() {
        RunnelSqlException e = queryError("SELECT FOO(price, 'x') FROM bids");
        assertThat(e.sqlState()).isEqualTo("42883");
        assertThat(e.detail()).isEqualTo("unknown function 'FOO' for arguments (NUMERIC, CHARACTER)");
        assertThat(e.position()).isEqualTo(new SourcePos(1, 8));

        assertThat(queryError("SELECT UPPPER(channel) FROM bids").detail())
                .isEqualTo("unknown function 'UPPPER' for arguments (CHARACTER) (did you mean 'UPPER'?)");
    }

    @Test
    void typeMismatchNamesOperatorAndTypes() {
        RunnelSqlException e = queryError("SELECT * FROM bids WHERE channel > 5");
        assertThat(e.sqlState()).isEqualTo("42804");
        assertThat(e.detail()).isEqualTo("cannot apply '>' to VARCHAR and INT");
        assertThat(e.position()).isEqualTo(new SourcePos(1, 26));

        assertThat(queryError("SELECT UPPER(price) FROM bids").detail())
                .isEqualTo("cannot apply 'UPPER' to BIGINT (supported: UPPER(CHARACTER))");
        assertThat(queryError("SELECT SPLIT_INDEX(price, ',', 1) FROM bids").sqlState()).isEqualTo("42804");
        assertThat(queryError("SELECT * FROM bids WHERE channel IN (1, 2)").sqlState()).isEqualTo("42804");
    }

    @Test
    void impossibleCastsAndUntypedNullsAreTypeErrors() {
        RunnelSqlException cast = queryError("SELECT CAST(TRUE AS DATE) FROM bids");
        assertThat(cast.sqlState()).isEqualTo("42804");
        assertThat(cast.detail()).isEqualTo("cannot CAST BOOLEAN to DATE");

        assertThat(queryError("SELECT NULL / 1 FROM bids").detail())
                .isEqualTo("the type of this NULL cannot be inferred: write CAST(NULL AS type)");
        assertThat(queryError("SELECT CASE WHEN price > 1 THEN 'a' ELSE 1 END FROM bids").sqlState()).isEqualTo("42804");
    }

    @Test
    void otherCalciteMessagesKeepTheirWordingLowerCased() {
        assertThat(queryError("SELECT * FROM bids WHERE price").detail()).isEqualTo("WHERE clause must be a condition");
        assertThat(queryError("SELECT auction FROM bids UNION ALL SELECT id, seller FROM auctions").detail())
                .isEqualTo("column count mismatch in UNION ALL");
    }

    @Test
    void comparingStringsWithTimestampsIsAllowed() {
        assertThat(dev.runnel.planner.testing.Planning.root(
                "SELECT auction FROM bids WHERE date_time > '2026-01-01 00:00:00'")).isNotNull();
    }

    @Test
    void ambiguousAndUngroupedColumns() {
        assertThat(queryError("SELECT date_time FROM bids JOIN auctions ON auction = id").detail())
                .isEqualTo("column 'date_time' is ambiguous: qualify it with a table name or alias");
        assertThat(queryError("SELECT auction, price FROM bids GROUP BY auction").detail())
                .isEqualTo("'price' must be in GROUP BY or inside an aggregate function");
    }

    @Test
    void untypedParameterAsksForACast() {
        assertThat(queryError("SELECT ? FROM bids").detail())
                .isEqualTo("the type of this ? parameter cannot be inferred: write CAST(? AS type)");
    }

    @Test
    void validSqlThatRunnelCannotRunYetIsNotSupportedAtTheStatement() {
        RunnelSqlException e = error(TestStatements.statementAt(
                "SELECT * FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))",
                new SourcePos(5, 1)));
        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(e.detail()).isEqualTo("TUMBLE not followed by GROUP BY window_start, window_end, a window Top-N"
                + " or a window join with another window table function is not supported yet");
        assertThat(e.position()).isEqualTo(new SourcePos(5, 1));

        assertThat(queryError("SELECT auction, SUM(price) OVER (PARTITION BY auction) FROM bids").detail())
                .startsWith("OVER windows' ordering in stream mode must be defined on a time attribute");
        assertThat(queryError("SELECT auction FROM bids INTERSECT ALL SELECT id FROM auctions").detail())
                .isEqualTo("INTERSECT ALL (INTERSECT without ALL runs) is not supported yet");
        assertThat(queryError("SELECT auction FROM bids GROUP BY ROLLUP(auction)").detail())
                .isEqualTo("GROUPING SETS, ROLLUP and CUBE are not supported yet");
        assertThat(queryError("SELECT CAST(date_time AS TIME) FROM bids").detail())
                .isEqualTo("the type TIME(0) is not supported yet");
        assertThat(queryError("SELECT * FROM bids LIMIT ?").detail())
                .isEqualTo("a parameter in OFFSET or FETCH is not supported yet");
    }

    @Test
    void naturalJoinIsRejectedBecauseItWouldJoinOnTheMetadataColumns() {
        RunnelSqlException e = queryError("SELECT * FROM users NATURAL JOIN orders");

        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(e.detail()).isEqualTo("NATURAL JOIN is not supported: every stream and table has the metadata "
                + "columns _partition, _offset, _timestamp, _append_time, _watermark, so it would join on them too; "
                + "name the columns with JOIN ... USING (...)");
    }

    @Test
    void aStarOverAJoinUsingIsRefusedInsteadOfFailingInsideCalcite() {
        RunnelSqlException e = queryError("SELECT * FROM users JOIN orders USING (id)");

        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(e.detail()).isEqualTo("SELECT * over JOIN ... USING is not supported yet: list the columns");
    }

    @Test
    void aStringLiteralIsCalledVarcharNotCalcitesChar() {
        assertThat(queryError("SELECT auction FROM bids WHERE price = 'high'").detail())
                .isEqualTo("cannot apply '=' to BIGINT and VARCHAR(4)");
    }

    @Test
    void aFunctionCalciteKnowsOnlyByNameIsAnUnknownFunction() {
        RunnelSqlException e = queryError("SELECT channel FROM bids WHERE channel RLIKE 'W.*'");

        assertThat(e.sqlState()).isEqualTo("42883");
        assertThat(e.detail()).startsWith("unknown function 'RLIKE'");
    }
}
