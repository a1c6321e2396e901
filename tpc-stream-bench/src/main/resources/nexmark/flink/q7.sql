-- Nexmark q7 for Apache Flink 2.3, run by the harness's Flink side (dev.runnel.bench.flink.FlinkNexmark).
-- Reference: nexmark/nexmark nexmark-flink/src/main/resources/queries/q7.sql (commit 6b3646c), with
--   * snake_case columns (date_time, item_name, ...), as in the Runnel streams;
--   * the SELECT of INSERT INTO nexmark_q7: the harness inserts it into a blackhole table of its schema
--     (throughput) or collects it (result check). Statements before the last one are run first.
-- What are the highest bids per period?
-- Deliberately implemented using a side input to illustrate fanout.
--
-- The original Nexmark Query7 calculate the highest bids in the last minute.
-- We will use a shorter window (10 seconds) to help make testing easier.
-- -------------------------------------------------------------------------------------------------


SELECT B.auction, B.price, B.bidder, B.date_time, B.extra
from bid B
JOIN (
  SELECT MAX(price) AS maxprice, window_end as date_time
  FROM TABLE(
          TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end
) B1
ON B.price = B1.maxprice
WHERE B.date_time BETWEEN B1.date_time  - INTERVAL '10' SECOND AND B1.date_time
