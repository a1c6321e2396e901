-- IF, IFNULL, GREATEST/LEAST (NULL if any argument is NULL), SIGN of INT, DOUBLE, DECIMAL (the Runnel case: ../conditional.sql)
CREATE TABLE t (id INT, s STRING, p STRING, n INT, q STRING)
WITH ('connector' = 'filesystem', 'path' = '${data}/strings.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT id, IF(n > 2, s, p) AS i, IFNULL(s, p) AS f, IFNULL(n, 99) AS f2, GREATEST(n, 2, id) AS g, LEAST(n, 2, id) AS l, GREATEST(s, p) AS gs,
  LEAST(p, q) AS lq, SIGN(n) AS s1, SIGN(CAST(n AS DOUBLE) - 0.5) AS s2, SIGN(CAST(n AS DECIMAL(5, 2))) AS s3
FROM t;
