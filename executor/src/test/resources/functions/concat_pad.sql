-- CONCAT (NULL if any argument is), CONCAT_WS (skips NULLs), LPAD/RPAD: negative length, empty pad, cut when longer
-- expected rows: Flink SQL 2.3, flink/concat_pad.sql
-- input: data/strings.csv
CREATE STREAM t (id INT, s VARCHAR, p VARCHAR, n INT, q VARCHAR) WITH (partitions = 1);
SELECT id, CONCAT(s, p) AS c, CONCAT(s, p, q) AS c3, CONCAT(s) AS c1, CONCAT_WS(q, s, p) AS w, CONCAT_WS('-', s, p, q) AS w2,
  LPAD(s, n, q) AS l, RPAD(s, n, q) AS r, LPAD(p, 4, 'xy') AS l2, RPAD(p, 4, '') AS r2, LPAD(s, 2, 'x') AS l3, RPAD(s, 0, 'x') AS r3
FROM t;
