-- OVER RANGE 1 s per channel (4 keys, many rows a second): moving MAX and SUM, and MIN over a computed argument (the Runnel case: ../over_range_channel.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT channel, price, date_time,
  MAX(price) OVER w AS high, SUM(price) OVER w AS total, MIN(price * 2 + bidder) OVER w AS low_mix
FROM bids WHERE channel <> 'end'
WINDOW w AS (PARTITION BY channel ORDER BY date_time RANGE BETWEEN INTERVAL '1' SECOND PRECEDING AND CURRENT ROW);
