-- a GROUP BY over an updating GROUP BY: every bid retracts its auction's old row, so the outer MIN, MAX, COUNT and SUM take values back
-- expected rows: Flink SQL 2.3, flink/updating_nested.sql (its changelog applied: the final rows)
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT cnt, COUNT(*) AS auctions, MAX(max_price) AS top, MIN(max_price) AS low, SUM(total) AS total
FROM (SELECT auction, COUNT(*) AS cnt, MAX(price) AS max_price, SUM(price) AS total
      FROM bids WHERE channel <> 'end' GROUP BY auction)
GROUP BY cnt;
