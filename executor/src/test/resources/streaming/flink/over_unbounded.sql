-- unbounded OVER frames per bidder: RANGE UNBOUNDED (peers share values) and ROWS UNBOUNDED are separate queries in Flink, here the RANGE one with running COUNT, SUM, MIN, MAX; rows not after their watermark are late (the Runnel case: ../over_unbounded.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT bidder, price, date_time,
  COUNT(*) OVER w AS cnt, SUM(price) OVER w AS total, MIN(price) OVER w AS low, MAX(price) OVER w AS high
FROM bids WHERE channel <> 'end'
WINDOW w AS (PARTITION BY bidder ORDER BY date_time RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
