package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.sql.RunnelSqlException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Joins that cannot run are refused when planned, with the position of what is wrong, and change nothing. */
class JoinBadInputTest {
    private Engine engine;
    private Session s;

    @BeforeEach
    void open() {
        engine = Engines.open(EngineConfig.memory());
        s = engine.openSession();
        s.execute("CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR,"
                + " date_time TIMESTAMP(3), WATERMARK FOR date_time AS date_time - INTERVAL '1' SECOND)");
        s.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, flag BOOLEAN, t TIMESTAMP(3))"
                + " WITH (format = 'json')");
    }

    @AfterEach
    void close() {
        s.close();
        engine.close();
    }

    @Test
    void aJoinOnColumnsOfIncompatibleTypesNamesTheComparisonAndItsPosition() {
        refused("SELECT * FROM bids b JOIN users u ON b.channel = u.id", "cannot apply '=' to VARCHAR and BIGINT", 38);
        refused("SELECT * FROM bids b LEFT JOIN users u\n  ON b.bidder = u.name", "cannot apply '=' to BIGINT and VARCHAR",
                2, 6);
        refused("SELECT * FROM bids b JOIN users u ON b.bidder = u.flag", "BIGINT and BOOLEAN", 38);
        refused("SELECT * FROM bids b JOIN users u ON b.date_time = u.id", "TIMESTAMP(3) and BIGINT", 38);
        refused("SELECT * FROM bids b JOIN users u ON b.auction = u.id AND b.bidder > u.t", "BIGINT and TIMESTAMP(3)",
                59);
    }

    @Test
    void aViewOrJobOverSuchAJoinIsNotCreated() {
        assertThatThrownBy(() -> s.execute("CREATE MATERIALIZED VIEW v AS SELECT b.auction, u.name FROM bids b"
                + " JOIN users u ON b.channel = u.id")).isInstanceOf(RunnelSqlException.class)
                .hasMessageContaining("VARCHAR and BIGINT");
        s.execute("CREATE STREAM out (auction BIGINT, name VARCHAR)");
        assertThatThrownBy(() -> s.execute("INSERT INTO out SELECT b.auction, u.name FROM bids b JOIN users u"
                + " ON b.bidder = u.name")).isInstanceOf(RunnelSqlException.class);
        assertThat(rows("SHOW MATERIALIZED VIEWS")).isZero();
        assertThat(rows("SHOW JOBS")).isZero();
    }

    @Test
    void aTemporalJoinNeedsAVersionedTableWithItsKeyInTheCondition() {
        s.execute("CREATE STREAM other (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)");
        assertThatThrownBy(() -> s.execute("SELECT * FROM bids b JOIN other FOR SYSTEM_TIME AS OF b.date_time AS o"
                + " ON b.bidder = o.id")).isInstanceOf(RunnelSqlException.class)
                .hasMessageContaining("other is a stream");
    }

    private void refused(String sql, String message, int column) {
        refused(sql, message, 1, column);
    }

    private void refused(String sql, String message, int line, int column) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOfSatisfying(RunnelSqlException.class, e -> {
            assertThat(e.getMessage()).contains(message).contains("line " + line + ", column " + column);
            assertThat(e.sqlState()).startsWith("42");
        });
    }

    private long rows(String sql) {
        return ((RowResult) s.execute(sql)).fetch(1000).size();
    }
}
