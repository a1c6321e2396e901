-- an updating GROUP BY over the append-only results of a TUMBLE window aggregate (the Runnel case: ../updating_over_windows.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT auction, COUNT(*) AS windows, MAX(cnt) AS busiest, SUM(cnt) AS bids
FROM (SELECT window_start, window_end, auction, COUNT(*) AS cnt
      FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
      WHERE channel <> 'end'
      GROUP BY window_start, window_end, auction)
GROUP BY auction;
