-- LAG per auction: the previous price and the one two back (0 when there is none); peers (same time) both see the value before the last of them, as Flink's RANGE frame does (the Runnel case: ../over_lag.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT auction, bidder, price, date_time,
  LAG(price) OVER w AS prev_price, LAG(price, 2, CAST(0 AS BIGINT)) OVER w AS prev2, price - LAG(price) OVER w AS change
FROM bids WHERE channel <> 'end'
WINDOW w AS (PARTITION BY auction ORDER BY date_time);
