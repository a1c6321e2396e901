package dev.runnel.sql;

import static dev.runnel.sql.Parsing.parse;
import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.sql.statement.Query;
import org.apache.calcite.sql.SqlKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParsingTest {

    @Test
    void pullQueryFromTheSqlGuide() {
        Query q = parse("SELECT * FROM auction_counts WHERE auction = 42;", Query.class);
        assertThat(q.stream()).isFalse();
        assertThat(q.pos()).isEqualTo(pos(1, 1));
        assertThat(q.text()).isEqualTo("SELECT * FROM auction_counts WHERE auction = 42");
        assertThat(q.body().sql()).isEqualTo(q.text());
        assertThat(q.body().origin()).isEqualTo(pos(1, 1));
        assertThat(q.body().node().getKind()).isEqualTo(SqlKind.SELECT);
    }

    @Test
    void selectStreamIsAPushQueryAndCalciteSeesTheStreamKeyword() {
        Query q = parse("SELECT STREAM auction, price FROM bids WHERE price > 1000", Query.class);
        assertThat(q.stream()).isTrue();
        assertThat(q.body().sql()).startsWith("SELECT STREAM");
        assertThat(q.body().node().toString()).startsWith("SELECT STREAM");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "select stream * from bids",
        "SELECT STREAM a FROM b ORDER BY a",
        "WITH x AS (SELECT a FROM b) SELECT STREAM * FROM x",
        "SELECT STREAM a FROM x UNION ALL SELECT STREAM a FROM y"})
    void streamIsFoundUnderOrderByWithAndSetOperations(String sql) {
        assertThat(parse(sql, Query.class).stream()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "SELECT \"stream\" FROM bids",
        "SELECT * FROM (SELECT STREAM a FROM x)",
        "VALUES (1, 'a'), (2, 'b')",
        "(SELECT 1) UNION (SELECT 2)"})
    void otherQueriesArePullQueries(String sql) {
        assertThat(parse(sql, Query.class).stream()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "SELECT window_start, window_end, auction, COUNT(*) AS bids, MAX(price) AS top\n"
                + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))\n"
                + "GROUP BY window_start, window_end, auction",
        "SELECT * FROM TABLE(HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '5' SECOND, INTERVAL '10' SECOND))",
        "SELECT * FROM TABLE(SESSION(TABLE bids PARTITION BY auction, DESCRIPTOR(date_time), INTERVAL '5' MINUTE))",
        "SELECT * FROM TABLE(CUMULATE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '1' MINUTE, INTERVAL '1' HOUR))",
        "SELECT TUMBLE_START(date_time, INTERVAL '10' SECOND), COUNT(*) FROM bids "
                + "GROUP BY TUMBLE(date_time, INTERVAL '10' SECOND)",
        "SELECT SUM(price) OVER (PARTITION BY auction ORDER BY date_time "
                + "RANGE INTERVAL '5' MINUTE PRECEDING) FROM bids",
        "SELECT * FROM s JOIN clicks c ON c.sid = s.sid AND c.ts BETWEEN s.ts AND s.ts + INTERVAL '30' MINUTE",
        "SELECT * FROM bids b JOIN users FOR SYSTEM_TIME AS OF b.date_time AS u ON u.id = b.bidder",
        "SELECT * FROM bids MATCH_RECOGNIZE (PARTITION BY auction ORDER BY date_time "
                + "MEASURES A.price AS first_price PATTERN (A B+ C) DEFINE B AS B.price > A.price)"})
    void streamingSqlFromTheSqlGuideParses(String sql) {
        assertThat(parse(sql, Query.class).body().node().isA(SqlKind.QUERY)).isTrue();
    }
}
