-- CUMULATE step 10 s, size 60 s, per channel: count and max (the Runnel case: ../cumulate_channel.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT window_start, window_end, channel, COUNT(*) AS cnt, MAX(price) AS max_price
FROM TABLE(CUMULATE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND, INTERVAL '60' SECOND))
GROUP BY window_start, window_end, channel;
