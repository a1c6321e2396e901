-- GROUP BY without a window: an updating result; COUNT, SUM, MIN, MAX, AVG per auction (the end-of-input row filtered out)
-- expected rows: Flink SQL 2.3, flink/updating_per_auction.sql (its changelog applied: the final rows)
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT auction, COUNT(*) AS cnt, SUM(price) AS total, MIN(price) AS min_price, MAX(price) AS max_price,
  AVG(price) AS avg_price
FROM bids WHERE channel <> 'end' GROUP BY auction;
