-- MATCH_RECOGNIZE: a V shape per auction (A B+ C), held until the watermark passes each row; partial
-- matches bounded by WITHIN and the watermark; late rows (judged by _watermark) are dropped
SELECT * FROM bids MATCH_RECOGNIZE (
  PARTITION BY auction ORDER BY date_time
  MEASURES A.price AS start_price, LAST(B.price) AS bottom, C.price AS end_price, COUNT(B.price) AS falls
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A B+ C) WITHIN INTERVAL '1' MINUTE
  DEFINE B AS B.price < PREV(B.price), C AS C.price > PREV(C.price))
