-- window join, LEFT, HOP 5 s / 10 s: every auction per window, with its bids or padded (the Runnel case: ../window_left.sql)
CREATE TABLE auctions (id BIGINT, seller BIGINT, category BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/auctions.csv', 'format' = 'csv');
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT L.id, R.price, L.window_end, R.window_end AS bid_window_end
FROM (SELECT * FROM TABLE(HOP(TABLE auctions, DESCRIPTOR(date_time), INTERVAL '5' SECOND, INTERVAL '10' SECOND))) L
LEFT JOIN (SELECT * FROM TABLE(HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '5' SECOND, INTERVAL '10' SECOND))) R
ON L.id = R.auction AND L.window_start = R.window_start AND L.window_end = R.window_end;
