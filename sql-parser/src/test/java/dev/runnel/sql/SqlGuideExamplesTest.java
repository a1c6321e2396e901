package dev.runnel.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.sql.statement.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every statement the SQL guide (design/SQL.md) shows, as one script, parses to the statement it shows. */
class SqlGuideExamplesTest {
    private static final String GUIDE = """
            CREATE STREAM bids (
              auction  BIGINT,
              bidder   BIGINT,
              price    BIGINT,
              channel  VARCHAR,
              url      VARCHAR,
              date_time TIMESTAMP(3),
              extra    VARCHAR,
              WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND
            ) WITH (topic = 'bids', partitions = 4, format = 'json', key = 'auction',
                    retention = '7 days', late = 'drop');

            CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR)
              WITH (topic = 'users', format = 'json');            -- upsert: newest row per key, NULL value = delete
            CREATE TABLE orders_cdc (id BIGINT PRIMARY KEY, amount DECIMAL(10,2), status VARCHAR)
              WITH (topic = 'orders', format = 'debezium-json');  -- a database's change stream

            INSERT INTO bids VALUES (1, 7, 100, 'web', 'http://x', TIMESTAMP '2026-01-01 00:00:01', '');
            INSERT INTO big_bids SELECT * FROM bids WHERE price > 1000;   -- a continuous job into a stream
            COPY bids FROM '/path/bids.csv' WITH (format = 'csv', header = true);

            -- pull: current contents of a view or table, or the retained history of a stream
            SELECT * FROM auction_counts WHERE auction = 42;

            -- push: a continuous query; rows arrive as they are produced until cancelled or LIMIT
            SELECT STREAM auction, price FROM bids WHERE price > 1000;

            -- windows (table-valued functions)
            SELECT window_start, window_end, auction, COUNT(*) AS bids, MAX(price) AS top
            FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
            GROUP BY window_start, window_end, auction;

            -- materialized views, kept current, queryable as tables, stackable
            CREATE MATERIALIZED VIEW auction_counts AS
              SELECT auction, COUNT(*) AS bids FROM bids GROUP BY auction;

            SHOW STREAMS; SHOW TABLES; SHOW MATERIALIZED VIEWS; SHOW JOBS; SHOW TOPICS;
            SHOW CONSUMER GROUPS;             -- with lag per partition
            DESCRIBE bids; DESCRIBE TOPIC bids;
            EXPLAIN SELECT * FROM bids; EXPLAIN ANALYZE SELECT * FROM bids;
            SET 'checkpoint.interval' = '5 s';
            DROP STREAM bids; DROP MATERIALIZED VIEW auction_counts;
            """;

    @Test
    void everyStatementOfTheGuideParses() {
        List<Statement> statements = new StatementParser().parseScript(GUIDE);
        assertThat(statements).extracting(s -> s.getClass().getSimpleName()).containsExactly(
                "CreateStream", "CreateTable", "CreateTable",
                "Insert", "Insert", "Copy",
                "Query", "Query", "Query",
                "CreateMaterializedView",
                "Show", "Show", "Show", "Show", "Show", "Show",
                "Describe", "Describe", "Explain", "Explain", "SetOption", "Drop", "Drop");
    }
}
