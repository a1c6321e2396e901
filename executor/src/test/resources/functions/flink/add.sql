-- TIMESTAMPADD in every unit, month ends clamp (the Runnel case: ../add.sql)
CREATE TABLE t (id INT, a TIMESTAMP(3), b TIMESTAMP(3), s STRING, f STRING, n BIGINT)
WITH ('connector' = 'filesystem', 'path' = '${data}/times.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT id, TIMESTAMPADD(MONTH, 1, a) AS m1, TIMESTAMPADD(DAY, -1, a) AS d1, TIMESTAMPADD(SECOND, CAST(n / 1000 AS INT), b) AS s1, TIMESTAMPADD(YEAR, 1, a) AS y1,
  TIMESTAMPADD(QUARTER, 1, a) AS q1, TIMESTAMPADD(WEEK, 1, a) AS w1, TIMESTAMPADD(HOUR, 25, a) AS h1, TIMESTAMPADD(MINUTE, 90, a) AS mi1,
  TIMESTAMPADD(MONTH, 1, CAST(b AS DATE)) AS dm
FROM t;
