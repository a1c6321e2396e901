-- ROWS UNBOUNDED PRECEDING per channel: running COUNT and MAX, row by row among equal times (the Runnel case: ../over_rows_unbounded.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT channel, bidder, price, date_time,
  COUNT(*) OVER w AS cnt, MAX(price) OVER w AS high
FROM bids WHERE channel <> 'end'
WINDOW w AS (PARTITION BY channel ORDER BY date_time ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
