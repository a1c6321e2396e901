-- FROM_UNIXTIME with and without a format; CURRENT_DATE and UNIX_TIMESTAMP() against a fixed past (the Runnel case: ../unixtime.sql)
CREATE TABLE t (id INT, a TIMESTAMP(3), b TIMESTAMP(3), s STRING, f STRING, n BIGINT)
WITH ('connector' = 'filesystem', 'path' = '${data}/times.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT id, FROM_UNIXTIME(n) AS f1, FROM_UNIXTIME(n, f) AS f2, FROM_UNIXTIME(n, 'yyyy-MM-dd''T''HH:mm') AS f3, CURRENT_DATE > DATE '2020-01-01' AS cd,
  UNIX_TIMESTAMP() > 1700000000 AS u
FROM t;
