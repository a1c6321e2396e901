-- deduplication (no window): the first bid of each bidder by event time (ORDER BY the time attribute ASC, rownum = 1); a bid that arrives later with an earlier time replaces it (the Runnel case: ../dedup_regular_first.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT * FROM (
  SELECT bidder, auction, price, date_time, ROW_NUMBER() OVER (PARTITION BY bidder ORDER BY date_time) AS rn
  FROM bids WHERE channel <> 'end')
WHERE rn = 1;
