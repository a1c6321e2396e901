-- a window on processing time (Nexmark q12): TUMBLE over a PROCTIME() column fires by the wall
-- clock; no _watermark is read and no row is late
WITH b AS (SELECT *, PROCTIME() AS p_time FROM bids)
SELECT bidder, COUNT(*) AS bid_count, window_start, window_end
FROM TABLE(TUMBLE(TABLE b, DESCRIPTOR(p_time), INTERVAL '10' SECOND))
GROUP BY bidder, window_start, window_end
