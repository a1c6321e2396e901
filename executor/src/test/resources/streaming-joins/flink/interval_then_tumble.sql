-- an interval join's bid time stays a time attribute: a TUMBLE window over the join (the Runnel case: ../interval_then_tumble.sql)
CREATE TABLE auctions (id BIGINT, seller BIGINT, category BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/auctions.csv', 'format' = 'csv');
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
WITH j AS (
  SELECT a.id, a.seller, b.price, b.date_time AS bid_time
  FROM auctions a JOIN bids b ON a.id = b.auction
    AND b.date_time BETWEEN a.date_time AND a.date_time + INTERVAL '5' SECOND)
SELECT window_start, window_end, seller, COUNT(*) AS bids, MAX(price) AS top
FROM TABLE(TUMBLE(TABLE j, DESCRIPTOR(bid_time), INTERVAL '30' SECOND))
GROUP BY window_start, window_end, seller;
