-- TO_TIMESTAMP, TO_DATE, UNIX_TIMESTAMP: lenient and strict corners of the default formats (the Runnel case: ../parse_literals.sql)
CREATE TABLE t (id INT, a TIMESTAMP(3), b TIMESTAMP(3), s STRING, f STRING, n BIGINT)
WITH ('connector' = 'filesystem', 'path' = '${data}/times.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT id, TO_TIMESTAMP('2024-01-01') AS x, TO_TIMESTAMP('2024-01-01 1:2:3') AS y, TO_TIMESTAMP(' 2024-01-01 00:00:00') AS z,
  TO_TIMESTAMP('2024-01-01T10:00:00') AS a1, TO_TIMESTAMP('2024-01-01 10:00:00.1234') AS a2, TO_TIMESTAMP('2024-13-01 10:00:00') AS a3,
  TO_TIMESTAMP('2024-02-30 10:00:00') AS a4, TO_DATE('2024-2-3') AS d1, TO_DATE('2024-02-30') AS d2, TO_DATE(' 2024-02-03') AS d3,
  TO_DATE('20240203', 'yyyyMMdd') AS d4, UNIX_TIMESTAMP('2024-01-01 00:00:00.5') AS u1, UNIX_TIMESTAMP('2024-01-01') AS u2,
  UNIX_TIMESTAMP('1969-12-31 23:59:59') AS u3
FROM t;
