-- window join, INNER, TUMBLE 10 s: auctions with the bids on them in the same window
-- expected rows: Flink SQL 2.3, flink/window_inner.sql
CREATE STREAM auctions (id BIGINT, seller BIGINT, category BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT L.id, L.seller, R.bidder, R.price, L.window_start, L.window_end
FROM (SELECT * FROM TABLE(TUMBLE(TABLE auctions, DESCRIPTOR(date_time), INTERVAL '10' SECOND))) L
JOIN (SELECT * FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))) R
ON L.id = R.auction AND L.window_start = R.window_start AND L.window_end = R.window_end;
