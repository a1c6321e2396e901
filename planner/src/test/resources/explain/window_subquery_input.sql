-- a window over a filtered, renamed subquery of a stream: the time attribute and _watermark come through
WITH cheap AS (SELECT auction, date_time AS ts FROM bids WHERE price < 100)
SELECT window_start, window_end, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE cheap, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end
