-- legacy GROUP BY TUMBLE 10 s with TUMBLE_START / TUMBLE_END, per auction
-- expected rows: Flink SQL 2.3, flink/legacy_tumble.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT auction, TUMBLE_START(date_time, INTERVAL '10' SECOND) AS s, TUMBLE_END(date_time, INTERVAL '10' SECOND) AS e,
  COUNT(*) AS cnt, SUM(price) AS total
FROM bids
GROUP BY TUMBLE(date_time, INTERVAL '10' SECOND), auction;
