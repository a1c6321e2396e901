-- REGEXP_REPLACE (literal replacement, NULL for a bad regex) and REGEXP (a match anywhere; FALSE for an empty or bad regex) (the Runnel case: ../regex.sql)
CREATE TABLE t (id INT, s STRING, p STRING, n INT, q STRING)
WITH ('connector' = 'filesystem', 'path' = '${data}/strings.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT id, REGEXP_REPLACE(s, p, '#') AS rr, REGEXP_REPLACE(s, 'o', q) AS rr2, REGEXP_REPLACE(s, '(l+)', '<$1>') AS literal_group,
  REGEXP_REPLACE(s, '[', 'x') AS bad, REGEXP(s, p) AS m, REGEXP(s, '^a') AS m2, REGEXP(s, '') AS empty_regex, REGEXP(s, '[') AS bad_regex
FROM t;
