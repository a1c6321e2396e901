-- window Top-N over a window aggregate (Nexmark-like): the 3 auctions with the most bids per 10 s (the Runnel case: ../topn_auction_bids.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY bids DESC, auction) AS rownum
  FROM (SELECT window_start, window_end, auction, COUNT(*) AS bids, MAX(price) AS top
        FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
        GROUP BY window_start, window_end, auction))
WHERE rownum <= 3;
