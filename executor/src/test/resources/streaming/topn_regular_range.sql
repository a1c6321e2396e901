-- regular Top-N with a rank range and two order keys: ranks 2 and 3 per channel by price, then bidder
-- expected rows: Flink SQL 2.3, flink/topn_regular_range.sql (its changelog applied: the final rows)
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT channel, price, bidder, auction, rownum FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY channel ORDER BY price DESC, bidder ASC) AS rownum
  FROM bids WHERE channel <> 'end')
WHERE rownum > 1 AND rownum <= 3;
