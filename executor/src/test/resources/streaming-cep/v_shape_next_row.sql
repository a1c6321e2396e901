-- V shape (A B+ C) with AFTER MATCH SKIP TO NEXT ROW: overlapping matches, one per first row
-- expected rows: Flink SQL 2.3, flink/v_shape_next_row.sql
-- input: data/ticks.csv
-- sentinel: ('ZZZZ', 0, TIMESTAMP '2026-02-01 00:00:00')
CREATE STREAM ticks (symbol VARCHAR, price BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT * FROM ticks MATCH_RECOGNIZE (
  PARTITION BY symbol ORDER BY ts
  MEASURES A.price AS start_price, LAST(B.price) AS bottom_price, C.price AS end_price,
    A.ts AS start_ts, C.ts AS end_ts, COUNT(B.price) AS falls
  ONE ROW PER MATCH
  AFTER MATCH SKIP TO NEXT ROW
  PATTERN (A B+ C)
  DEFINE B AS B.price < LAST(B.price, 1) OR (LAST(B.price, 1) IS NULL AND B.price < A.price),
    C AS C.price > LAST(B.price));
