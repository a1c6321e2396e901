-- a push query over a stream declared late = 'update', allowed_lateness = '1 min': the window's output
-- is updating (a late row retracts and re-emits its window) and its state lasts a minute longer
SELECT STREAM window_start, window_end, COUNT(*) AS clicks
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end
