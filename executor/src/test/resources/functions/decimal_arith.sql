-- DECIMAL +, *, / typed by Flink's rules: past 38 digits the scale gives way, keeping at least 6 digits after the point
-- expected rows: Flink SQL 2.3, flink/decimal_arith.sql
-- input: data/strings.csv
CREATE STREAM t (id INT, s VARCHAR, p VARCHAR, n INT, q VARCHAR) WITH (partitions = 1);
SELECT id, CAST(n AS DECIMAL(10, 2)) * 1.5 AS m1, CAST(n AS DECIMAL(38, 18)) * CAST(n AS DECIMAL(38, 18)) AS m2,
  CAST(n AS DECIMAL(10, 2)) * n AS m3, CAST(n AS DECIMAL(10, 2)) + CAST(1 AS DECIMAL(38, 10)) AS p1, CAST(n AS DECIMAL(38, 2)) / 7 AS d1,
  CAST(n AS DECIMAL(30, 10)) / CAST(3 AS DECIMAL(20, 5)) AS d2
FROM t;
