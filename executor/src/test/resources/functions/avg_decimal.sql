-- AVG of a DECIMAL(p, s) is DECIMAL(38, max(6, s)), as Flink types it (not the argument's scale)
-- expected rows: Flink SQL 2.3, flink/avg_decimal.sql
-- input: data/strings.csv
CREATE STREAM t (id INT, s VARCHAR, p VARCHAR, n INT, q VARCHAR) WITH (partitions = 1);
SELECT MOD(id, 2) AS g, AVG(CAST(n AS DECIMAL(5, 2)) / 3) AS a, AVG(CAST(n AS DECIMAL(5, 2))) AS b,
  AVG(CAST(id AS DECIMAL(20, 8)) / 7) AS c, SUM(CAST(n AS DECIMAL(5, 2))) AS d, AVG(n) AS e
FROM t GROUP BY MOD(id, 2);
