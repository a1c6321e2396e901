-- INITCAP, LEFT, RIGHT, REVERSE, REPEAT (n <= 0 gives ''), LTRIM/RTRIM/BTRIM with and without characters (the Runnel case: ../text.sql)
CREATE TABLE t (id INT, s STRING, p STRING, n INT, q STRING)
WITH ('connector' = 'filesystem', 'path' = '${data}/strings.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT id, INITCAP(s) AS ic, LEFT(s, n) AS l, RIGHT(s, n) AS r, REVERSE(s) AS rev, REPEAT(p, n) AS rp, LTRIM(s) AS lt, RTRIM(s) AS rt,
  BTRIM(s) AS bt, LTRIM(s, 'ah') AS lt2, RTRIM(s, 'cd') AS rt2, BTRIM(s, ' a') AS bt2
FROM t;
