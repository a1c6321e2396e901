-- Nexmark q19 for Apache Flink 2.3, run by the harness's Flink side (dev.runnel.bench.flink.FlinkNexmark).
-- Reference: nexmark/nexmark nexmark-flink/src/main/resources/queries/q19.sql (commit 6b3646c), with
--   * snake_case columns (date_time, item_name, ...), as in the Runnel streams;
--   * the SELECT of INSERT INTO nexmark_q19: the harness inserts it into a blackhole table of its schema
--     (throughput) or collects it (result check). Statements before the last one are run first.
-- What's the top price 10 bids of an auction?
-- Illustrates a TOP-N query.
-- -------------------------------------------------------------------------------------------------


SELECT * FROM
(SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rank_number FROM bid)
WHERE rank_number <= 10
