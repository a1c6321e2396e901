-- REGEXP_REPLACE (literal replacement, NULL for a bad regex) and REGEXP (a match anywhere; FALSE for an empty or bad regex)
-- expected rows: Flink SQL 2.3, flink/regex.sql
-- input: data/strings.csv
CREATE STREAM t (id INT, s VARCHAR, p VARCHAR, n INT, q VARCHAR) WITH (partitions = 1);
SELECT id, REGEXP_REPLACE(s, p, '#') AS rr, REGEXP_REPLACE(s, 'o', q) AS rr2, REGEXP_REPLACE(s, '(l+)', '<$1>') AS literal_group,
  REGEXP_REPLACE(s, '[', 'x') AS bad, REGEXP(s, p) AS m, REGEXP(s, '^a') AS m2, REGEXP(s, '') AS empty_regex, REGEXP(s, '[') AS bad_regex
FROM t;
