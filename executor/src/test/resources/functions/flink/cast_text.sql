-- CAST as Flink does it (the Runnel case: ../cast_text.sql)
CREATE TABLE t (id INT, s STRING, p STRING, n INT, q STRING)
WITH ('connector' = 'filesystem', 'path' = '${data}/strings.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT id, CAST(n > 0 AS INT) AS b1, CAST(n > 0 AS BIGINT) AS b2, CAST(' 1.7 ' AS INT) AS i1, CAST('-1.7' AS BIGINT) AS i2,
  CAST('.5' AS INT) AS i3, CAST('5.' AS INT) AS i4, CAST('yes' AS BOOLEAN) AS t1, CAST('N' AS BOOLEAN) AS t2, CAST('1' AS BOOLEAN) AS t3,
  CAST('0' AS BOOLEAN) AS t4, CAST('2024-1-2' AS DATE) AS d1, CAST('2024-01-01 10:00:00' AS DATE) AS d2,
  CAST('2024-1-1 1:2:3.4' AS TIMESTAMP(3)) AS ts1, CAST('2024-02-30 10:00:00' AS TIMESTAMP(3)) AS ts2
FROM t WHERE id <= 3;
