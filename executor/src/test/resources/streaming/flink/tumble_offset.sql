-- TUMBLE 10 s with a 3 s offset, per channel: count, sum, min (the Runnel case: ../tumble_offset.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT window_start, window_end, channel, COUNT(*) AS cnt, SUM(price) AS total, MIN(price) AS low
FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND, INTERVAL '3' SECOND))
GROUP BY window_start, window_end, channel;
