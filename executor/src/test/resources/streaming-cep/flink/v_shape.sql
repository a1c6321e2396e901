-- V shape: a price that falls one or more ticks, then rises (A B+ C), per symbol; AFTER MATCH SKIP PAST LAST ROW (the Runnel case: ../v_shape.sql)
CREATE TABLE ticks (symbol STRING, price BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/ticks.csv', 'format' = 'csv');
SELECT * FROM ticks MATCH_RECOGNIZE (
  PARTITION BY symbol ORDER BY ts
  MEASURES A.price AS start_price, LAST(B.price) AS bottom_price, C.price AS end_price,
    A.ts AS start_ts, C.ts AS end_ts, COUNT(B.price) AS falls
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A B+ C)
  DEFINE B AS B.price < LAST(B.price, 1) OR (LAST(B.price, 1) IS NULL AND B.price < A.price),
    C AS C.price > LAST(B.price));
