-- window deduplication: the last bid of each auction per 10 s TUMBLE window (ORDER BY the time
-- attribute DESC, rownum = 1)
-- expected rows: Flink SQL 2.3, flink/dedup_last_bid.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, auction ORDER BY date_time DESC) AS rownum
  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)))
WHERE rownum = 1;
