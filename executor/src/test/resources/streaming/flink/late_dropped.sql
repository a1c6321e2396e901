-- TUMBLE 5 s over all bids: late rows are dropped (the default policy), so counts fall short of the input (the Runnel case: ../late_dropped.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT window_start, window_end, COUNT(*) AS cnt, SUM(price) AS total, MIN(date_time) AS first_ts, MAX(date_time) AS last_ts
FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '5' SECOND))
GROUP BY window_start, window_end;
