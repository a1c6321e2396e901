-- interval join, FULL, with a residual condition: only bids above 300 count as a match (the Runnel case: ../interval_full.sql)
CREATE TABLE auctions (id BIGINT, seller BIGINT, category BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/auctions.csv', 'format' = 'csv');
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT a.id, a.date_time AS opened, b.auction, b.price, b.date_time AS bid_time
FROM auctions a FULL JOIN bids b ON a.id = b.auction AND b.price > 300
  AND b.date_time BETWEEN a.date_time - INTERVAL '2' SECOND AND a.date_time + INTERVAL '2' SECOND;
