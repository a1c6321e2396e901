-- SUBSTR (the Runnel case: ../substr.sql)
CREATE TABLE t (id INT, s STRING, p STRING, n INT, q STRING)
WITH ('connector' = 'filesystem', 'path' = '${data}/strings.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT id, SUBSTR(s, 2) AS a, SUBSTR(s, 1, 3) AS b, SUBSTR(s, 5, 100) AS c, SUBSTR(s, 40) AS d, SUBSTR(s, n) AS e,
  SUBSTR(q, 1, n) AS f
FROM t WHERE n IS NULL OR n >= 1;
