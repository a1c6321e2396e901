-- TIMESTAMPDIFF in every unit, both ways, across month ends and leap days (the Runnel case: ../diff.sql)
CREATE TABLE t (id INT, a TIMESTAMP(3), b TIMESTAMP(3), s STRING, f STRING, n BIGINT)
WITH ('connector' = 'filesystem', 'path' = '${data}/times.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT id, TIMESTAMPDIFF(MONTH, a, b) AS mo, TIMESTAMPDIFF(YEAR, a, b) AS y, TIMESTAMPDIFF(QUARTER, a, b) AS q, TIMESTAMPDIFF(WEEK, a, b) AS w,
  TIMESTAMPDIFF(DAY, a, b) AS d, TIMESTAMPDIFF(HOUR, a, b) AS h, TIMESTAMPDIFF(MINUTE, a, b) AS mi, TIMESTAMPDIFF(SECOND, a, b) AS s,
  TIMESTAMPDIFF(MONTH, b, a) AS mo_back, TIMESTAMPDIFF(DAY, b, a) AS d_back, TIMESTAMPDIFF(DAY, CAST(b AS DATE), DATE '2024-03-01') AS dd
FROM t;
