-- HOP slide 10 s, size 30 s, per hot auction, grouped by window_time too
-- expected rows: Flink SQL 2.3, flink/hop_auction_window_time.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT window_start, window_end, window_time, auction, COUNT(*) AS cnt, MIN(price) AS low, MAX(price) AS high
FROM TABLE(HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND, INTERVAL '30' SECOND))
WHERE auction <= 8
GROUP BY window_start, window_end, window_time, auction;
