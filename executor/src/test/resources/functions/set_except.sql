-- EXCEPT of two parts of one stream: distinct rows, NULL equal to NULL (Runnel plans it as a GROUP BY over the union)
-- expected rows: Flink SQL 2.3, flink/set_except.sql
-- input: data/strings.csv
CREATE STREAM t (id INT, s VARCHAR, p VARCHAR, n INT, q VARCHAR) WITH (partitions = 1);
SELECT LOWER(p) AS p, n / 5 AS n5 FROM t WHERE id <= 5
EXCEPT
SELECT LOWER(p) AS p, n / 5 AS n5 FROM t WHERE id >= 3;
