-- deduplication (no window): the last bid of each auction and bidder (ORDER BY the time attribute DESC, rownum = 1), rank dropped (the Runnel case: ../dedup_regular_last.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT auction, bidder, price, channel, date_time FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder, auction ORDER BY date_time DESC) AS rn
  FROM bids WHERE channel <> 'end')
WHERE rn <= 1;
