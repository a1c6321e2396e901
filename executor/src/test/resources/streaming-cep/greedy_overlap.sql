-- greedy B+ where B and C overlap (prices 95-99 are both): B takes every row it can, C only a row below 95 ends it
-- expected rows: Flink SQL 2.3, flink/greedy_overlap.sql
-- input: data/ticks.csv
-- sentinel: ('ZZZZ', 0, TIMESTAMP '2026-02-01 00:00:00')
CREATE STREAM ticks (symbol VARCHAR, price BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT * FROM ticks MATCH_RECOGNIZE (
  PARTITION BY symbol ORDER BY ts
  MEASURES A.ts AS start_ts, COUNT(B.price) AS bs, MIN(B.price) AS low_b, C.price AS end_price, C.ts AS end_ts
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A B+ C) WITHIN INTERVAL '1' MINUTE
  DEFINE A AS A.price > 100, B AS B.price >= 95, C AS C.price < 100);
