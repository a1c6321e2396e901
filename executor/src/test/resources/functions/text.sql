-- INITCAP, LEFT, RIGHT, REVERSE, REPEAT (n <= 0 gives ''), LTRIM/RTRIM/BTRIM with and without characters
-- expected rows: Flink SQL 2.3, flink/text.sql
-- input: data/strings.csv
CREATE STREAM t (id INT, s VARCHAR, p VARCHAR, n INT, q VARCHAR) WITH (partitions = 1);
SELECT id, INITCAP(s) AS ic, LEFT(s, n) AS l, RIGHT(s, n) AS r, REVERSE(s) AS rev, REPEAT(p, n) AS rp, LTRIM(s) AS lt, RTRIM(s) AS rt,
  BTRIM(s) AS bt, LTRIM(s, 'ah') AS lt2, RTRIM(s, 'cd') AS rt2, BTRIM(s, ' a') AS bt2
FROM t;
