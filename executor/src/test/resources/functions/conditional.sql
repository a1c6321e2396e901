-- IF, IFNULL, GREATEST/LEAST (NULL if any argument is NULL), SIGN of INT, DOUBLE, DECIMAL
-- expected rows: Flink SQL 2.3, flink/conditional.sql
-- input: data/strings.csv
CREATE STREAM t (id INT, s VARCHAR, p VARCHAR, n INT, q VARCHAR) WITH (partitions = 1);
SELECT id, IF(n > 2, s, p) AS i, IFNULL(s, p) AS f, IFNULL(n, 99) AS f2, GREATEST(n, 2, id) AS g, LEAST(n, 2, id) AS l, GREATEST(s, p) AS gs,
  LEAST(p, q) AS lq, SIGN(n) AS s1, SIGN(CAST(n AS DOUBLE) - 0.5) AS s2, SIGN(CAST(n AS DECIMAL(5, 2))) AS s3
FROM t;
