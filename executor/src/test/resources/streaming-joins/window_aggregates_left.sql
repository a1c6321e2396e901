-- window join of two window aggregates (Nexmark q8's shape), LEFT: auctions per id and window with their bid counts
-- expected rows: Flink SQL 2.3, flink/window_aggregates_left.sql
CREATE STREAM auctions (id BIGINT, seller BIGINT, category BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT P.id, P.starttime, P.opened, A.bids, A.top
FROM (SELECT id, window_start AS starttime, window_end AS endtime, COUNT(*) AS opened
      FROM TABLE(TUMBLE(TABLE auctions, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
      GROUP BY id, window_start, window_end) P
LEFT JOIN (SELECT auction, window_start AS starttime, window_end AS endtime, COUNT(*) AS bids, MAX(price) AS top
      FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
      GROUP BY auction, window_start, window_end) A
ON P.id = A.auction AND P.starttime = A.starttime AND P.endtime = A.endtime;
