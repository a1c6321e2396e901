-- Extra query window-tumble for Apache Flink 2.3 (not Nexmark's; Runnel's file says why it is here).
-- The same text as Runnel's: a 10-second TUMBLE count and max per auction, as a window TVF
-- aggregation (Flink fires each window once, at the watermark; with mini-batch on, the harness's
-- default, it runs as a two-phase window aggregate).
SELECT
    auction,
    window_start,
    window_end,
    COUNT(*) AS bids,
    MAX(price) AS top
FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
GROUP BY auction, window_start, window_end
