package dev.runnel.planner.query;

import static dev.runnel.planner.testing.Planning.queryError;
import static dev.runnel.planner.testing.Planning.root;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.physical.MatchNode;
import dev.runnel.planner.physical.MatchRef;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import org.junit.jupiter.api.Test;

/**
 * MATCH_RECOGNIZE: what plans (a {@link MatchNode} over the stream with its refs), and the clauses
 * that fail at planning with a SQLSTATE and the position of the offending part of the query.
 */
class MatchRecognizeErrorsTest {
    private static final String HEAD = "SELECT * FROM bids MATCH_RECOGNIZE (";

    private static String query(String order, String rest) {
        return HEAD + "PARTITION BY auction ORDER BY " + order + " MEASURES A.price AS p " + rest + ")";
    }

    private static void assertError(RunnelSqlException e, String state, int column, String detail) {
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(e.sqlState()).isEqualTo(state);
        assertThat(e.position()).isEqualTo(new SourcePos(1, column));
    }

    @Test
    void aPatternPlansAsAMatchNodeWithItsNavigationsAsRefs() {
        PhysicalNode node = root(query("date_time", "PATTERN (A B+ C) DEFINE B AS B.price < LAST(B.price, 1),"
                + " C AS SUM(B.price) > A.price"));
        assertThat(node).isInstanceOf(MatchNode.class);
        MatchNode m = (MatchNode) node;
        assertThat(m.variables()).containsExactly("A", "B", "C");
        assertThat(m.refs()).contains(new MatchRef.Nav(1, false, 1, 0, 1, m.refs().get(0).type()));
        assertThat(m.refs()).hasSize(3); // LAST(B.price, 1), SUM(B.price), LAST(A.price)
        assertThat(m.skip()).isEqualTo(MatchNode.Skip.TO_NEXT_ROW); // without AFTER MATCH, as in Calcite and Flink
        assertThat(m.withinMillis()).isEqualTo(-1);
        assertThat(m.schema().columns().stream().map(c -> c.name()).toList()).containsExactly("auction", "p");
    }

    @Test
    void allRowsPerMatchPassesEveryInputColumnOnBeforeTheMeasures() {
        PhysicalNode root = root(HEAD + "PARTITION BY auction ORDER BY date_time MEASURES FINAL LAST(B.price) AS"
                + " bottom, LAST(B.price) AS so_far ALL ROWS PER MATCH PATTERN (A B+ C) DEFINE B AS B.price < A.price)");
        MatchNode m = (MatchNode) root.inputs().get(0); // below the projection that leaves the metadata columns out
        assertThat(m.allRows()).isTrue();
        assertThat(m.schema().columns().stream().map(c -> c.name()).toList()).startsWith("auction", "date_time", "bidder",
                "price").endsWith("bottom", "so_far");
        assertThat(m.refs()).contains(new MatchRef.Final(new MatchRef.Nav(1, false, 0, 0, 2, m.refs().get(0).type())));
    }

    @Test
    void orderByMustStartWithTheEventTimeAttributeAscending() {
        String need = "MATCH_RECOGNIZE needs ORDER BY the input's event-time attribute (its WATERMARK FOR column),"
                + " ascending, before any other order key";
        assertError(queryError(query("price", "PATTERN (A B) DEFINE A AS price > 1")), "42000", 67,
                need + "; 'price' is not a time attribute");
        assertError(queryError(query("date_time DESC", "PATTERN (A B) DEFINE A AS price > 1")), "42000", 67,
                need + ", not descending");
        assertError(queryError(query("price, date_time", "PATTERN (A B) DEFINE A AS price > 1")), "42000", 67,
                need + "; 'price' is not a time attribute");
        assertError(queryError(HEAD + "MEASURES A.price AS p PATTERN (A B) DEFINE A AS price > 1)"), "42000", 20,
                need);
    }

    @Test
    void variablesMustBeInThePattern() {
        String sql = query("date_time", "PATTERN (A B) DEFINE A AS price > 1, B AS X.price > A.price");
        assertError(queryError(sql), "42000", sql.indexOf("X.price") + 1,
                "unknown pattern variable 'X' in DEFINE (the PATTERN has A, B)");
        sql = query("date_time", "PATTERN (A B) DEFINE C AS price > 1");
        assertError(queryError(sql), "42000", sql.indexOf("C AS") + 1,
                "unknown pattern variable 'C' in DEFINE (the PATTERN has A, B)");
        sql = HEAD + "PARTITION BY auction ORDER BY date_time MEASURES Z.price AS p PATTERN (A B) DEFINE A AS price > 1)";
        assertError(queryError(sql), "42000", sql.indexOf("Z.price") + 1,
                "unknown pattern variable 'Z' in MEASURES (the PATTERN has A, B)");
        sql = query("date_time", "AFTER MATCH SKIP TO LAST Q PATTERN (A B) DEFINE A AS price > 1");
        assertError(queryError(sql), "42000", sql.indexOf("Q PATTERN") + 1,
                "unknown pattern variable 'Q' in AFTER MATCH SKIP (the PATTERN has A, B)");
    }

    @Test
    void unsupportedConstructsAreRefusedWhereTheyAre() {
        String sql = query("date_time", "PATTERN (A B+) DEFINE B AS price > 1");
        assertError(queryError(sql), "0A000", sql.indexOf("B+") + 1, "a greedy quantifier at the end of a"
                + " MATCH_RECOGNIZE pattern is not supported (the match could always take one more row): make it"
                + " reluctant (*?, +?, ??) or end the pattern with a variable that stops it");
        sql = query("date_time", "PATTERN (A B) DEFINE B AS NEXT(B.price) > 1");
        assertError(queryError(sql), "0A000", sql.indexOf("NEXT") + 1, "NEXT in DEFINE is not supported (a row is"
                + " matched before the rows after it arrive): use PREV");
        sql = query("date_time", "PATTERN (^ A B) DEFINE B AS price > 1");
        assertThat(queryError(sql).sqlState()).isEqualTo("0A000");
        sql = query("date_time", "PATTERN (PERMUTE(A, B)) DEFINE B AS price > 1");
        assertError(queryError(sql), "0A000", sql.indexOf("PERMUTE") + 1,
                "PERMUTE in a MATCH_RECOGNIZE pattern is not supported yet");
        sql = query("date_time", "PATTERN (A B) SUBSET S = (A, B) DEFINE B AS price > 1");
        assertError(queryError(sql), "0A000", sql.indexOf("S = ") + 1, "SUBSET in MATCH_RECOGNIZE is not supported yet");
        sql = query("date_time", "AFTER MATCH SKIP TO FIRST A PATTERN (A B) DEFINE B AS price > 1");
        assertError(queryError(sql), "42000", sql.indexOf("AFTER MATCH") + 1, "AFTER MATCH SKIP TO FIRST A would find"
                + " the same match again: A is the first row of every match");
    }
}
