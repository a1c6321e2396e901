-- interval join, LEFT: auctions without a bid within 3 s come padded once the watermark passes (the Runnel case: ../interval_left.sql)
CREATE TABLE auctions (id BIGINT, seller BIGINT, category BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/auctions.csv', 'format' = 'csv');
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT a.id, a.category, a.date_time AS opened, b.price, b.date_time AS bid_time
FROM auctions a LEFT JOIN bids b ON a.id = b.auction
  AND b.date_time >= a.date_time AND b.date_time <= a.date_time + INTERVAL '3' SECOND;
