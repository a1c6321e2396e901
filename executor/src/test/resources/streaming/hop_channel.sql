-- HOP slide 5 s, size 15 s, per channel: count and sum
-- expected rows: Flink SQL 2.3, flink/hop_channel.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT window_start, window_end, channel, COUNT(*) AS cnt, SUM(price) AS total
FROM TABLE(HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '5' SECOND, INTERVAL '15' SECOND))
GROUP BY window_start, window_end, channel;
