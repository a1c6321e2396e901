-- FROM_UNIXTIME with and without a format; CURRENT_DATE and UNIX_TIMESTAMP() against a fixed past
-- expected rows: Flink SQL 2.3, flink/unixtime.sql
-- input: data/times.csv
CREATE STREAM t (id INT, a TIMESTAMP(3), b TIMESTAMP(3), s VARCHAR, f VARCHAR, n BIGINT) WITH (partitions = 1);
SELECT id, FROM_UNIXTIME(n) AS f1, FROM_UNIXTIME(n, f) AS f2, FROM_UNIXTIME(n, 'yyyy-MM-dd''T''HH:mm') AS f3, CURRENT_DATE > DATE '2020-01-01' AS cd,
  UNIX_TIMESTAMP() > 1700000000 AS u
FROM t;
