-- SUBSTR(s, start [, length]) is SUBSTRING (Flink's name for it); start 1 and later, past the end, NULLs
-- expected rows: Flink SQL 2.3, flink/substr.sql
-- input: data/strings.csv
CREATE STREAM t (id INT, s VARCHAR, p VARCHAR, n INT, q VARCHAR) WITH (partitions = 1);
SELECT id, SUBSTR(s, 2) AS a, SUBSTR(s, 1, 3) AS b, SUBSTR(s, 5, 100) AS c, SUBSTR(s, 40) AS d, SUBSTR(s, n) AS e,
  SUBSTR(q, 1, n) AS f
FROM t WHERE n IS NULL OR n >= 1;
