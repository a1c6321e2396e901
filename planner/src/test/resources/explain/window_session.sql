-- SESSION(TABLE t PARTITION BY key, DESCRIPTOR(ts), gap): sessions per key; GROUP BY the same keys
SELECT bidder, window_start, window_end, COUNT(*) AS bids
FROM TABLE(SESSION(TABLE bids PARTITION BY bidder, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
GROUP BY bidder, window_start, window_end
