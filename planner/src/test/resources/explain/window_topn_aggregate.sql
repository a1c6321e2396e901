-- window Top-N over a window aggregate (Nexmark-like): the top 3 auctions by bid count per 10-second
-- window; the aggregate's rows carry their window, the Top-N fires when the watermark passes its end
SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY bids DESC, auction) AS rownum
  FROM (SELECT window_start, window_end, auction, COUNT(*) AS bids
        FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
        GROUP BY window_start, window_end, auction))
WHERE rownum <= 3
