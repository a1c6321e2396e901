-- window Top-N over a window aggregate (Nexmark-like): the 3 auctions with the most bids per 10 s
-- TUMBLE window, ties broken by auction
-- expected rows: Flink SQL 2.3, flink/topn_auction_bids.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY bids DESC, auction) AS rownum
  FROM (SELECT window_start, window_end, auction, COUNT(*) AS bids, MAX(price) AS top
        FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
        GROUP BY window_start, window_end, auction))
WHERE rownum <= 3;
