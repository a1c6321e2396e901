-- TIMESTAMPDIFF in every unit, both ways, across month ends and leap days
-- expected rows: Flink SQL 2.3, flink/diff.sql
-- input: data/times.csv
CREATE STREAM t (id INT, a TIMESTAMP(3), b TIMESTAMP(3), s VARCHAR, f VARCHAR, n BIGINT) WITH (partitions = 1);
SELECT id, TIMESTAMPDIFF(MONTH, a, b) AS mo, TIMESTAMPDIFF(YEAR, a, b) AS y, TIMESTAMPDIFF(QUARTER, a, b) AS q, TIMESTAMPDIFF(WEEK, a, b) AS w,
  TIMESTAMPDIFF(DAY, a, b) AS d, TIMESTAMPDIFF(HOUR, a, b) AS h, TIMESTAMPDIFF(MINUTE, a, b) AS mi, TIMESTAMPDIFF(SECOND, a, b) AS s,
  TIMESTAMPDIFF(MONTH, b, a) AS mo_back, TIMESTAMPDIFF(DAY, b, a) AS d_back, TIMESTAMPDIFF(DAY, CAST(b AS DATE), DATE '2024-03-01') AS dd
FROM t;
