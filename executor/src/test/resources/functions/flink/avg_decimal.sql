-- AVG of DECIMAL (the Runnel case: ../avg_decimal.sql)
CREATE TABLE t (id INT, s STRING, p STRING, n INT, q STRING)
WITH ('connector' = 'filesystem', 'path' = '${data}/strings.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT MOD(id, 2) AS g, AVG(CAST(n AS DECIMAL(5, 2)) / 3) AS a, AVG(CAST(n AS DECIMAL(5, 2))) AS b,
  AVG(CAST(id AS DECIMAL(20, 8)) / 7) AS c, SUM(CAST(n AS DECIMAL(5, 2))) AS d, AVG(n) AS e
FROM t GROUP BY MOD(id, 2);
