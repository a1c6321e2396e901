-- OVER RANGE 10 s per auction: moving COUNT, SUM, AVG, MIN, MAX; peers (same auction and time) share their values, late rows (behind a row of the auction already out) are dropped
-- expected rows: Flink SQL 2.3, flink/over_range_auction.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT auction, price, date_time,
  COUNT(*) OVER w AS cnt, SUM(price) OVER w AS total, AVG(price) OVER w AS avg_price,
  MIN(price) OVER w AS low, MAX(price) OVER w AS high
FROM bids WHERE channel <> 'end'
WINDOW w AS (PARTITION BY auction ORDER BY date_time RANGE BETWEEN INTERVAL '10' SECOND PRECEDING AND CURRENT ROW);
