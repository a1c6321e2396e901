-- window join, INNER, TUMBLE 10 s: auctions with the bids on them in the same window (the Runnel case: ../window_inner.sql)
CREATE TABLE auctions (id BIGINT, seller BIGINT, category BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/auctions.csv', 'format' = 'csv');
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT L.id, L.seller, R.bidder, R.price, L.window_start, L.window_end
FROM (SELECT * FROM TABLE(TUMBLE(TABLE auctions, DESCRIPTOR(date_time), INTERVAL '10' SECOND))) L
JOIN (SELECT * FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))) R
ON L.id = R.auction AND L.window_start = R.window_start AND L.window_end = R.window_end;
