-- OVER ROWS 3 PRECEDING per auction: the row and the 3 released before it; peers are not included past the row (arrival order among equal times)
-- expected rows: Flink SQL 2.3, flink/over_rows_auction.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT auction, bidder, price, date_time,
  SUM(price) OVER w AS total, MIN(price) OVER w AS low, MAX(price) OVER w AS high, COUNT(price) OVER w AS cnt
FROM bids WHERE channel <> 'end'
WINDOW w AS (PARTITION BY auction ORDER BY date_time ROWS BETWEEN 3 PRECEDING AND CURRENT ROW);
