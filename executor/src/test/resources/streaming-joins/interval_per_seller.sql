-- interval join feeding a GROUP BY: bids per seller within 5 s of the auction opening
-- expected rows: Flink SQL 2.3, flink/interval_per_seller.sql
CREATE STREAM auctions (id BIGINT, seller BIGINT, category BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT a.seller, COUNT(*) AS bids, SUM(b.price) AS total, MAX(b.price) AS top
FROM auctions a JOIN bids b ON a.id = b.auction
  AND b.date_time BETWEEN a.date_time AND a.date_time + INTERVAL '5' SECOND
GROUP BY a.seller;
