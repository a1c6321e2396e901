-- a shallow dip: two to eight ticks below the first price, averaging less than 4 below it and within a 3 range (aggregates in DEFINE), then back to the first price; WITHIN 30 s
-- expected rows: Flink SQL 2.3, flink/dip_aggregates.sql
-- input: data/ticks.csv
-- sentinel: ('ZZZZ', 0, TIMESTAMP '2026-02-01 00:00:00')
CREATE STREAM ticks (symbol VARCHAR, price BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT * FROM ticks MATCH_RECOGNIZE (
  PARTITION BY symbol ORDER BY ts
  MEASURES A.price AS start_price, MIN(B.price) AS low, AVG(B.price) AS average, SUM(B.price) AS total,
    C.price AS end_price, C.ts AS end_ts
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A B{2,8} C) WITHIN INTERVAL '30' SECOND
  DEFINE B AS B.price < A.price AND AVG(B.price) > A.price - 4 AND MAX(B.price) - MIN(B.price) <= 3,
    C AS C.price >= A.price AND SUM(B.price) < COUNT(B.price) * A.price);
