-- window deduplication over CUMULATE (step 10 s, size 1 min): the first bid per channel in each (the Runnel case: ../dedup_first_bid_cumulate.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT window_start, window_end, channel, auction, bidder, price, date_time FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, channel ORDER BY date_time) AS rownum
  FROM TABLE(CUMULATE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND, INTERVAL '1' MINUTE)))
WHERE rownum <= 1;
