-- HOP(TABLE t, DESCRIPTOR(ts), slide, size): each row belongs to size / slide windows (Nexmark q5's windows)
SELECT auction, COUNT(*) AS num, window_start AS starttime, window_end AS endtime
FROM TABLE(HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
GROUP BY auction, window_start, window_end
