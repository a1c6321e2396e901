-- HOP slide 5 s, size 15 s, per channel: count and sum (the Runnel case: ../hop_channel.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT window_start, window_end, channel, COUNT(*) AS cnt, SUM(price) AS total
FROM TABLE(HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '5' SECOND, INTERVAL '15' SECOND))
GROUP BY window_start, window_end, channel;
