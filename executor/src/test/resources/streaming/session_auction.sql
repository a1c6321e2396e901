-- SESSION per auction (PARTITION BY), gap 8 s: count and max
-- expected rows: Flink SQL 2.3, flink/session_auction.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT window_start, window_end, auction, COUNT(*) AS cnt, MAX(price) AS max_price
FROM TABLE(SESSION(TABLE bids PARTITION BY auction, DESCRIPTOR(date_time), INTERVAL '8' SECOND))
GROUP BY window_start, window_end, auction;
