-- window deduplication: the last bid of each auction per 10-second window (rownum = 1 ordered by the
-- time attribute, descending), pushed as a query that runs on
SELECT STREAM auction, bidder, price, window_start, window_end FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, auction ORDER BY date_time DESC) AS rn
  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)))
WHERE rn = 1
