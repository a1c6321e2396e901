-- three failed logins of a user in a row within one minute (PATTERN (F{3}) WITHIN INTERVAL '1' MINUTE) (the Runnel case: ../login_failures.sql)
CREATE TABLE logins (user_id BIGINT, status STRING, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/logins.csv', 'format' = 'csv');
SELECT * FROM logins MATCH_RECOGNIZE (
  PARTITION BY user_id ORDER BY ts
  MEASURES FIRST(F.ts) AS first_failure, LAST(F.ts) AS last_failure, COUNT(*) AS failures
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (F{3}) WITHIN INTERVAL '1' MINUTE
  DEFINE F AS F.status = 'fail');
