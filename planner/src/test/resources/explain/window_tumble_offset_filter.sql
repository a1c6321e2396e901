-- TUMBLE with an offset; WHERE filters before the window, window_time is window_end - 1 ms, HAVING after
SELECT window_start, window_time, channel, COUNT(DISTINCT bidder) AS bidders,
       SUM(price) FILTER (WHERE price > 100) AS big, AVG(price) AS mean
FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '1' MINUTE, INTERVAL '15' SECOND))
WHERE channel <> 'web'
GROUP BY window_start, window_end, window_time, channel
HAVING COUNT(*) > 3
