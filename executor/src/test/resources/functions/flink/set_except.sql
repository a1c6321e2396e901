-- EXCEPT of two parts of one stream (the Runnel case: ../set_except.sql)
CREATE TABLE t (id INT, s STRING, p STRING, n INT, q STRING)
WITH ('connector' = 'filesystem', 'path' = '${data}/strings.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT LOWER(p) AS p, n / 5 AS n5 FROM t WHERE id <= 5
EXCEPT
SELECT LOWER(p) AS p, n / 5 AS n5 FROM t WHERE id >= 3;
