-- window join, FULL, CUMULATE 10 s steps of 20 s, with a residual: bids above 500 only
-- expected rows: Flink SQL 2.3, flink/window_full.sql
CREATE STREAM auctions (id BIGINT, seller BIGINT, category BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT L.id, R.auction, R.price, L.window_start, L.window_end, R.window_end AS re
FROM (SELECT * FROM TABLE(CUMULATE(TABLE auctions, DESCRIPTOR(date_time), INTERVAL '10' SECOND, INTERVAL '20' SECOND))) L
FULL JOIN (SELECT * FROM TABLE(CUMULATE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND, INTERVAL '20' SECOND))) R
ON L.id = R.auction AND L.window_start = R.window_start AND L.window_end = R.window_end AND R.price > 500;
