-- TO_TIMESTAMP, TO_DATE and UNIX_TIMESTAMP from text, with and without a format; what does not parse (the Runnel case: ../parse.sql)
CREATE TABLE t (id INT, a TIMESTAMP(3), b TIMESTAMP(3), s STRING, f STRING, n BIGINT)
WITH ('connector' = 'filesystem', 'path' = '${data}/times.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT id, TO_TIMESTAMP(s) AS t1, TO_TIMESTAMP(s, f) AS t2, TO_DATE(s) AS d1, TO_DATE(s, f) AS d2, UNIX_TIMESTAMP(s) AS u1, UNIX_TIMESTAMP(s, f) AS u2,
  TO_TIMESTAMP(s, 'bad pattern p') AS bad
FROM t;
