-- LOCATE and INSTR: 1-based, 0 when absent, a start before 1 finds nothing (the Runnel case: ../locate.sql)
CREATE TABLE t (id INT, s STRING, p STRING, n INT, q STRING)
WITH ('connector' = 'filesystem', 'path' = '${data}/strings.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT id, LOCATE(p, s) AS l, LOCATE(p, s, n) AS l2, INSTR(s, p) AS i, LOCATE('', s) AS empty_sub, LOCATE('l', s, 4) AS from4, LOCATE(q, s, 1) AS l3
FROM t;
