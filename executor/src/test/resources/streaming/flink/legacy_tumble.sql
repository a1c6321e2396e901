-- legacy GROUP BY TUMBLE 10 s with TUMBLE_START / TUMBLE_END, per auction (the Runnel case: ../legacy_tumble.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT auction, TUMBLE_START(date_time, INTERVAL '10' SECOND) AS s, TUMBLE_END(date_time, INTERVAL '10' SECOND) AS e,
  COUNT(*) AS cnt, SUM(price) AS total
FROM bids
GROUP BY TUMBLE(date_time, INTERVAL '10' SECOND), auction;
