-- OVER RANGE 1 s per channel (4 keys, many rows a second): moving MAX and SUM, and MIN over a computed argument
-- expected rows: Flink SQL 2.3, flink/over_range_channel.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT channel, price, date_time,
  MAX(price) OVER w AS high, SUM(price) OVER w AS total, MIN(price * 2 + bidder) OVER w AS low_mix
FROM bids WHERE channel <> 'end'
WINDOW w AS (PARTITION BY channel ORDER BY date_time RANGE BETWEEN INTERVAL '1' SECOND PRECEDING AND CURRENT ROW);
