-- interval join, RIGHT, strict bounds: bids with the auctions opened less than 4 s before them
-- expected rows: Flink SQL 2.3, flink/interval_right.sql
CREATE STREAM auctions (id BIGINT, seller BIGINT, category BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT a.id, a.seller, a.date_time AS opened, b.auction, b.bidder, b.date_time AS bid_time
FROM auctions a RIGHT JOIN bids b ON a.id = b.auction
  AND a.date_time > b.date_time - INTERVAL '4' SECOND AND a.date_time < b.date_time;
