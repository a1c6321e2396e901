-- CAST as Flink does it: BOOLEAN to numbers, text with a fraction to whole numbers (cut), Flink's boolean words,
-- one-digit date fields, a timestamp's text to DATE, a day past the month's end to its last day
-- expected rows: Flink SQL 2.3, flink/cast_text.sql
-- input: data/strings.csv
CREATE STREAM t (id INT, s VARCHAR, p VARCHAR, n INT, q VARCHAR) WITH (partitions = 1);
SELECT id, CAST(n > 0 AS INT) AS b1, CAST(n > 0 AS BIGINT) AS b2, CAST(' 1.7 ' AS INT) AS i1, CAST('-1.7' AS BIGINT) AS i2,
  CAST('.5' AS INT) AS i3, CAST('5.' AS INT) AS i4, CAST('yes' AS BOOLEAN) AS t1, CAST('N' AS BOOLEAN) AS t2, CAST('1' AS BOOLEAN) AS t3,
  CAST('0' AS BOOLEAN) AS t4, CAST('2024-1-2' AS DATE) AS d1, CAST('2024-01-01 10:00:00' AS DATE) AS d2,
  CAST('2024-1-1 1:2:3.4' AS TIMESTAMP(3)) AS ts1, CAST('2024-02-30 10:00:00' AS TIMESTAMP(3)) AS ts2
FROM t WHERE id <= 3;
