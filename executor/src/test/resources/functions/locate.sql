-- LOCATE and INSTR: 1-based, 0 when absent, a start before 1 finds nothing
-- expected rows: Flink SQL 2.3, flink/locate.sql
-- input: data/strings.csv
CREATE STREAM t (id INT, s VARCHAR, p VARCHAR, n INT, q VARCHAR) WITH (partitions = 1);
SELECT id, LOCATE(p, s) AS l, LOCATE(p, s, n) AS l2, INSTR(s, p) AS i, LOCATE('', s) AS empty_sub, LOCATE('l', s, 4) AS from4, LOCATE(q, s, 1) AS l3
FROM t;
