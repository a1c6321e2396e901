-- window Top-N over a SESSION window aggregate (gap 5 s per auction): each session's row, numbered;
-- sessions carry their own window_start and window_end. The partition names the auction too: Flink keys
-- a window Top-N by window_end alone, so it ranks sessions of different auctions that end in the same
-- millisecond together (2 of 3,040 here), where Runnel keeps them apart as PARTITION BY says
-- expected rows: Flink SQL 2.3, flink/topn_session_aggregate.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, auction ORDER BY bids DESC) AS rownum
  FROM (SELECT window_start, window_end, auction, COUNT(*) AS bids
        FROM TABLE(SESSION(TABLE bids PARTITION BY auction, DESCRIPTOR(date_time), INTERVAL '5' SECOND))
        GROUP BY window_start, window_end, auction))
WHERE rownum = 1;
