-- interval join feeding a GROUP BY: bids per seller within 5 s of the auction opening (the Runnel case: ../interval_per_seller.sql)
CREATE TABLE auctions (id BIGINT, seller BIGINT, category BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/auctions.csv', 'format' = 'csv');
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT a.seller, COUNT(*) AS bids, SUM(b.price) AS total, MAX(b.price) AS top
FROM auctions a JOIN bids b ON a.id = b.auction
  AND b.date_time BETWEEN a.date_time AND a.date_time + INTERVAL '5' SECOND
GROUP BY a.seller;
