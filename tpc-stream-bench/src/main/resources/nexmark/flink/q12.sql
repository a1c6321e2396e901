-- Nexmark q12 for Apache Flink 2.3, run by the harness's Flink side (dev.runnel.bench.flink.FlinkNexmark).
-- Reference: nexmark/nexmark nexmark-flink/src/main/resources/queries/q12.sql (commit 6b3646c), with
--   * snake_case columns (date_time, item_name, ...), as in the Runnel streams;
--   * the SELECT of INSERT INTO nexmark_q12: the harness inserts it into a blackhole table of its schema
--     (throughput) or collects it (result check). Statements before the last one are run first.
-- How many bids does a user make within a fixed processing time limit?
-- Illustrates working in processing time window.
--
-- Group bids by the same user into processing time windows of 10 seconds.
-- Emit the count of bids per window.
-- -------------------------------------------------------------------------------------------------


CREATE VIEW B AS SELECT *, PROCTIME() as p_time FROM bid;

SELECT
    bidder,
    count(*) as bid_count,
    window_start AS starttime,
    window_end AS endtime
FROM TABLE(
        TUMBLE(TABLE B, DESCRIPTOR(p_time), INTERVAL '10' SECOND))
GROUP BY bidder, window_start, window_end
