-- a stream declared late = 'route', late_target = 'payments_late': late rows go to that stream unchanged
SELECT window_start, window_end, SUM(amount) AS total
FROM TABLE(TUMBLE(TABLE payments, DESCRIPTOR(ts), INTERVAL '1' HOUR))
GROUP BY window_start, window_end
