-- CUMULATE(TABLE t, DESCRIPTOR(ts), step, max size): windows growing by step within each max-size window
SELECT window_start, window_end, SUM(price) AS total
FROM TABLE(CUMULATE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '1' MINUTE, INTERVAL '1' HOUR))
GROUP BY window_start, window_end
