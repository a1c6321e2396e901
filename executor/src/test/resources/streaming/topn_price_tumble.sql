-- window Top-N directly over TUMBLE 10 s: the 3 highest bids per window (late rows dropped,
-- equal prices ranked by arrival)
-- expected rows: Flink SQL 2.3, flink/topn_price_tumble.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS rownum
  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)))
WHERE rownum <= 3;
