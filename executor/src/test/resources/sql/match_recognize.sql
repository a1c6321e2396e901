-- MATCH_RECOGNIZE over a small stream, every expected row worked out by hand (the rows follow the
-- comments); the cases marked "Flink:" were also run on the Flink 2.3 oracle, which gave the same rows.
-- Rows of x, one a second: 10, 8, 6, 7, 9, 5, 5, 4, 6, 8; of y: 3, 2, 1, 2.

CREATE STREAM t (k VARCHAR, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (partitions = 1);
INSERT INTO t VALUES
  ('x', 10, TIMESTAMP '2026-01-01 00:00:01'), ('x', 8, TIMESTAMP '2026-01-01 00:00:02'),
  ('y', 3, TIMESTAMP '2026-01-01 00:00:02'), ('x', 6, TIMESTAMP '2026-01-01 00:00:03'),
  ('y', 2, TIMESTAMP '2026-01-01 00:00:03'), ('x', 7, TIMESTAMP '2026-01-01 00:00:04'),
  ('y', 1, TIMESTAMP '2026-01-01 00:00:04'), ('x', 9, TIMESTAMP '2026-01-01 00:00:05'),
  ('y', 2, TIMESTAMP '2026-01-01 00:00:05'), ('x', 5, TIMESTAMP '2026-01-01 00:00:06'),
  ('x', 5, TIMESTAMP '2026-01-01 00:00:07'), ('x', 4, TIMESTAMP '2026-01-01 00:00:08'),
  ('x', 6, TIMESTAMP '2026-01-01 00:00:09'), ('x', 8, TIMESTAMP '2026-01-01 00:00:10');
-- V shapes, skipping past the last row: x 10,8,6,7 (match 1), then 9,5 fails at 5 (not below 5, not
-- above), 5,4,6 (match 2); y 3,2,1,2. MATCH_NUMBER() counts per partition; CLASSIFIER() is the last row's variable.
SELECT * FROM t MATCH_RECOGNIZE (
  PARTITION BY k ORDER BY ts
  MEASURES A.v AS a, LAST(B.v) AS bottom, C.v AS c, FIRST(B.v) AS first_b, COUNT(*) AS n,
    MATCH_NUMBER() AS m, CLASSIFIER() AS last_var
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A B+ C)
  DEFINE B AS B.v < PREV(B.v), C AS C.v > PREV(C.v));
-- Without AFTER MATCH the skip is TO NEXT ROW (as in Calcite and Flink): 8,6,7 starts inside the
-- first match and is found too; y's 2,1,2 as well. Flink: the same rows (with LAST(B.v, 1) for PREV).
SELECT * FROM t MATCH_RECOGNIZE (
  PARTITION BY k ORDER BY ts
  MEASURES A.v AS a, LAST(B.v) AS bottom, C.v AS c
  PATTERN (A B+ C)
  DEFINE B AS B.v < PREV(B.v), C AS C.v > PREV(C.v));
-- A greedy B* takes every row B accepts and leaves only at a row it cannot take: with B always true
-- it never reaches C, so no row (Flink: none). Reluctant B*? leaves as soon as C holds: 10,8,6 and
-- 9,5 (Flink: the same two rows).
SELECT * FROM t MATCH_RECOGNIZE (
  PARTITION BY k ORDER BY ts
  MEASURES FIRST(A.v) AS a, COUNT(B.v) AS nb, C.v AS c
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A B* C)
  DEFINE A AS A.v >= 8, B AS B.v > 0, C AS C.v < 7);
SELECT * FROM t MATCH_RECOGNIZE (
  PARTITION BY k ORDER BY ts
  MEASURES FIRST(A.v) AS a, COUNT(B.v) AS nb, C.v AS c
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A B*? C)
  DEFINE A AS A.v >= 8, B AS B.v > 0, C AS C.v < 7);
-- An alternation in a bounded greedy group (Flink has no group patterns): from x's 7, 9 is C, 5 is B,
-- 5 is B again (a third round, greedy), then 4 is D.
SELECT * FROM t MATCH_RECOGNIZE (
  PARTITION BY k ORDER BY ts
  MEASURES COUNT(B.v) AS nb, COUNT(C.v) AS nc, D.ts AS d, CLASSIFIER() AS last_var
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A (B | C){2,3} D)
  DEFINE A AS A.v = 7, B AS B.v < 7, C AS C.v > 8, D AS D.v = 4);
-- WITHIN bounds the first to the last row strictly: three rows a second apart span 2 s, not within
-- 2 s (Flink: no row); within 3 s, every run of three rows of x (skip to next row).
SELECT * FROM t MATCH_RECOGNIZE (
  PARTITION BY k ORDER BY ts
  MEASURES FIRST(A.ts) AS f, COUNT(*) AS n
  AFTER MATCH SKIP TO NEXT ROW
  PATTERN (A{3}) WITHIN INTERVAL '2' SECOND
  DEFINE A AS A.v > 0);
SELECT * FROM t MATCH_RECOGNIZE (
  PARTITION BY k ORDER BY ts
  MEASURES FIRST(A.ts) AS f, COUNT(*) AS n, SUM(A.v) AS total, AVG(A.v) AS average, MIN(A.v) AS low, MAX(A.v) AS high
  AFTER MATCH SKIP TO NEXT ROW
  PATTERN (A{3}) WITHIN INTERVAL '3' SECOND
  DEFINE A AS k = 'x');
-- A row that arrives behind the watermark is late: dropped (and counted), the matches stay the same.
INSERT INTO t VALUES ('x', 1, TIMESTAMP '2026-01-01 00:00:03.500'), ('x', 2, CAST(NULL AS TIMESTAMP(3)));
SELECT * FROM t MATCH_RECOGNIZE (
  PARTITION BY k ORDER BY ts
  MEASURES A.v AS a, LAST(B.v) AS bottom, C.v AS c
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A B+ C)
  DEFINE B AS B.v < PREV(B.v), C AS C.v > PREV(C.v));
-- ALL ROWS PER MATCH: a row per row of each match, its input columns with the measures as of that
-- row (RUNNING, the default) or over the whole match (FINAL); SELECT * leaves the metadata columns out.
SELECT * FROM t MATCH_RECOGNIZE (
  PARTITION BY k ORDER BY ts
  MEASURES CLASSIFIER() AS var, COUNT(*) AS n, FINAL COUNT(*) AS total, LAST(B.v) AS low_so_far,
    FINAL LAST(B.v) AS bottom, MATCH_NUMBER() AS m, SUM(v) AS running_sum, FINAL MAX(v) AS high
  ALL ROWS PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A B+ C)
  DEFINE B AS B.v < PREV(B.v), C AS C.v > PREV(C.v));
-- Errors.
SELECT * FROM t MATCH_RECOGNIZE (ORDER BY v MEASURES A.v AS a PATTERN (A B) DEFINE A AS v > 1);
SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts MEASURES X.v AS a PATTERN (A B) DEFINE A AS v > 1);
SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts MEASURES A.v AS a ALL ROWS PER MATCH WITH UNMATCHED ROWS PATTERN (A B) DEFINE A AS v > 1);
SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts MEASURES A.v AS a PATTERN (A B) SUBSET S = (A, B) DEFINE A AS v > 1);
SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts MEASURES A.v AS a PATTERN (A B*) DEFINE B AS v > 1);
