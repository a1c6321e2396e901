-- interval join, FULL, with a residual condition: only bids above 300 count as a match
-- expected rows: Flink SQL 2.3, flink/interval_full.sql
CREATE STREAM auctions (id BIGINT, seller BIGINT, category BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT a.id, a.date_time AS opened, b.auction, b.price, b.date_time AS bid_time
FROM auctions a FULL JOIN bids b ON a.id = b.auction AND b.price > 300
  AND b.date_time BETWEEN a.date_time - INTERVAL '2' SECOND AND a.date_time + INTERVAL '2' SECOND;
