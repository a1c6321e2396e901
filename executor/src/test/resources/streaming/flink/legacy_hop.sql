-- legacy GROUP BY HOP slide 5 s, size 20 s with HOP_START / HOP_END, per channel (the Runnel case: ../legacy_hop.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT channel, HOP_START(date_time, INTERVAL '5' SECOND, INTERVAL '20' SECOND) AS s,
  HOP_END(date_time, INTERVAL '5' SECOND, INTERVAL '20' SECOND) AS e, COUNT(*) AS cnt, MAX(price) AS max_price
FROM bids
GROUP BY HOP(date_time, INTERVAL '5' SECOND, INTERVAL '20' SECOND), channel;
