-- deduplication keeping the first row by event time: append-only (a row is held until the watermark
-- passes its time; late rows, judged by _watermark, are dropped)
SELECT * FROM (
  SELECT auction, bidder, price, date_time,
    ROW_NUMBER() OVER (PARTITION BY auction ORDER BY date_time) AS rn FROM bids WHERE price > 10)
WHERE rn = 1
