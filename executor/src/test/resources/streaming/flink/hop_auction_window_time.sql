-- HOP slide 10 s, size 30 s, per hot auction, grouped by window_time too (the Runnel case: ../hop_auction_window_time.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT window_start, window_end, window_time, auction, COUNT(*) AS cnt, MIN(price) AS low, MAX(price) AS high
FROM TABLE(HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND, INTERVAL '30' SECOND))
WHERE auction <= 8
GROUP BY window_start, window_end, window_time, auction;
