-- deduplication (no window): the first bid of each bidder by event time (ORDER BY the time attribute ASC, rownum = 1); a bid that arrives later with an earlier time replaces it
-- expected rows: Flink SQL 2.3, flink/dedup_regular_first.sql (its changelog applied: the final rows)
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT * FROM (
  SELECT bidder, auction, price, date_time, ROW_NUMBER() OVER (PARTITION BY bidder ORDER BY date_time) AS rn
  FROM bids WHERE channel <> 'end')
WHERE rn = 1;
