-- DECIMAL arithmetic types (the Runnel case: ../decimal_arith.sql)
CREATE TABLE t (id INT, s STRING, p STRING, n INT, q STRING)
WITH ('connector' = 'filesystem', 'path' = '${data}/strings.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT id, CAST(n AS DECIMAL(10, 2)) * 1.5 AS m1, CAST(n AS DECIMAL(38, 18)) * CAST(n AS DECIMAL(38, 18)) AS m2,
  CAST(n AS DECIMAL(10, 2)) * n AS m3, CAST(n AS DECIMAL(10, 2)) + CAST(1 AS DECIMAL(38, 10)) AS p1, CAST(n AS DECIMAL(38, 2)) / 7 AS d1,
  CAST(n AS DECIMAL(30, 10)) / CAST(3 AS DECIMAL(20, 5)) AS d2
FROM t;
