-- GROUP BY without a window: an updating result; COUNT, SUM, MIN, MAX, AVG per auction (the end-of-input row filtered out) (the Runnel case: ../updating_per_auction.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT auction, COUNT(*) AS cnt, SUM(price) AS total, MIN(price) AS min_price, MAX(price) AS max_price,
  AVG(price) AS avg_price
FROM bids WHERE channel <> 'end' GROUP BY auction;
