-- Extra query window-tumble (not Nexmark's): a 10-second TUMBLE count and max per auction over the
-- bids read from the log, the shape of the executor's streaming-window target (issue 5: at least
-- 1 million events/s on one core and 3 times Flink's rate, measured side by side).
-- Same query text on both engines (see flink/window-tumble.sql); the harness runs it as a bounded
-- (pull) query over the loaded log, so every window fires by the end of the input.
SELECT
    auction,
    window_start,
    window_end,
    COUNT(*) AS bids,
    MAX(price) AS top
FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
GROUP BY auction, window_start, window_end
