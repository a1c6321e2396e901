-- Result check of Nexmark q12, whose windows are on processing time, so its rows differ between runs
-- and engines: each bidder's total bid count over all its windows (the sum of q12's bid_count),
-- which does not depend on when the windows fire. Run only for the check, not measured.
WITH B AS (SELECT *, PROCTIME() AS p_time FROM bid)
SELECT bidder, SUM(bid_count) AS bids
FROM (
    SELECT bidder, count(*) as bid_count, window_start AS starttime, window_end AS endtime
    FROM TABLE(TUMBLE(TABLE B, DESCRIPTOR(p_time), INTERVAL '10' SECOND))
    GROUP BY bidder, window_start, window_end)
GROUP BY bidder
