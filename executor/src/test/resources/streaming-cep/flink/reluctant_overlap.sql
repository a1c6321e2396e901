-- reluctant B+? where B and C overlap (prices 95-99 are both): C ends the match at the first row below 100 (the Runnel case: ../reluctant_overlap.sql)
CREATE TABLE ticks (symbol STRING, price BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/ticks.csv', 'format' = 'csv');
SELECT * FROM ticks MATCH_RECOGNIZE (
  PARTITION BY symbol ORDER BY ts
  MEASURES A.ts AS start_ts, COUNT(B.price) AS bs, MIN(B.price) AS low_b, C.price AS end_price, C.ts AS end_ts
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A B+? C) WITHIN INTERVAL '1' MINUTE
  DEFINE A AS A.price > 100, B AS B.price >= 95, C AS C.price < 100);
