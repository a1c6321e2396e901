-- TUMBLE window table function (the example of SQL.md): a window aggregate reading only the columns it
-- needs, the time attribute, and the _watermark each row is judged late against
SELECT window_start, window_end, auction, COUNT(*) AS bids, MAX(price) AS top
FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, auction
