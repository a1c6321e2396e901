-- TUMBLE 10 s per auction with WHERE before the window and HAVING after it (the Runnel case: ../where_having.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT window_start, window_end, auction, COUNT(*) AS cnt, MAX(price) AS max_price
FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
WHERE price > 100 AND channel <> 'web'
GROUP BY window_start, window_end, auction
HAVING COUNT(*) >= 3;
