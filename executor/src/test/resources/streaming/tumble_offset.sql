-- TUMBLE 10 s with a 3 s offset, per channel: count, sum, min
-- expected rows: Flink SQL 2.3, flink/tumble_offset.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT window_start, window_end, channel, COUNT(*) AS cnt, SUM(price) AS total, MIN(price) AS low
FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND, INTERVAL '3' SECOND))
GROUP BY window_start, window_end, channel;
