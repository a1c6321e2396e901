-- deduplication (no window): the last bid of each auction and bidder (ORDER BY the time attribute DESC, rownum = 1), rank dropped
-- expected rows: Flink SQL 2.3, flink/dedup_regular_last.sql (its changelog applied: the final rows)
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT auction, bidder, price, channel, date_time FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder, auction ORDER BY date_time DESC) AS rn
  FROM bids WHERE channel <> 'end')
WHERE rn <= 1;
