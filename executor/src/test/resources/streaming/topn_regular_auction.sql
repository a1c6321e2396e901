-- regular Top-N (no window): the 3 highest bids of each auction, with their rank; an updating result
-- expected rows: Flink SQL 2.3, flink/topn_regular_auction.sql (its changelog applied: the final rows)
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT * FROM (
  SELECT auction, bidder, price, date_time, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rownum
  FROM bids WHERE channel <> 'end')
WHERE rownum <= 3;
