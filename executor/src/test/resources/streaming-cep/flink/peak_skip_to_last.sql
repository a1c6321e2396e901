-- a fall, a rise, then a fall again (A B+ C+ D); AFTER MATCH SKIP TO LAST C: the next match may start at the peak (the Runnel case: ../peak_skip_to_last.sql)
CREATE TABLE ticks (symbol STRING, price BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/ticks.csv', 'format' = 'csv');
SELECT * FROM ticks MATCH_RECOGNIZE (
  PARTITION BY symbol ORDER BY ts
  MEASURES FIRST(A.ts) AS start_ts, LAST(B.price) AS bottom_price, MAX(C.price) AS peak_price,
    D.price AS end_price, D.ts AS end_ts
  AFTER MATCH SKIP TO LAST C
  PATTERN (A B+ C+ D)
  DEFINE B AS B.price < LAST(B.price, 1) OR (LAST(B.price, 1) IS NULL AND B.price < A.price),
    C AS C.price > LAST(C.price, 1) OR (LAST(C.price, 1) IS NULL AND C.price > LAST(B.price)),
    D AS D.price < LAST(C.price));
