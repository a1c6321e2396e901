-- window Top-N over a SESSION window aggregate (gap 5 s per auction) (the Runnel case: ../topn_session_aggregate.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, auction ORDER BY bids DESC) AS rownum
  FROM (SELECT window_start, window_end, auction, COUNT(*) AS bids
        FROM TABLE(SESSION(TABLE bids PARTITION BY auction, DESCRIPTOR(date_time), INTERVAL '5' SECOND))
        GROUP BY window_start, window_end, auction))
WHERE rownum = 1;
