-- a continuous windowed job into a stream: append-only, state bounded by the watermark, no warning
INSERT INTO bid_counts
SELECT window_start, window_end, auction, COUNT(*)
FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, auction
