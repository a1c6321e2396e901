-- window Top-N directly over a window function: the 3 highest bids per channel and 10-second window,
-- the row number projected away; the node assigns the windows and judges lateness by _watermark
SELECT window_start, window_end, channel, auction, price FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, channel ORDER BY price DESC) AS rownum
  FROM TABLE(HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '5' SECOND, INTERVAL '10' SECOND)))
WHERE rownum < 4 AND price > 10
