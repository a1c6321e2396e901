-- TRUNCATE toward zero (a DECIMAL keeps the digits asked for), MOD (the Runnel case: ../truncate.sql)
CREATE TABLE t (id INT, s STRING, p STRING, n INT, q STRING)
WITH ('connector' = 'filesystem', 'path' = '${data}/strings.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT id, TRUNCATE(CAST(n AS DOUBLE) * 1.2345, 2) AS t1, TRUNCATE(CAST(n AS DECIMAL(10, 4)) * 1.2345, 1) AS t2, TRUNCATE(n * 123, -1) AS t3,
  TRUNCATE(CAST(n AS DOUBLE) * 1.7) AS t4, TRUNCATE(CAST(n AS DECIMAL(6, 3)) / 3, 2) AS t5, MOD(n, 3) AS m, MOD(-7, n + 10) AS m2
FROM t;
