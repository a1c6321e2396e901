-- an ok login, at least two more logins that are failures (or among the first two), then an ok one, within two minutes: F{2,}? reluctant, so E ends the match at the first ok it can take; SKIP TO NEXT ROW (the Runnel case: ../login_reluctant.sql)
CREATE TABLE logins (user_id BIGINT, status STRING, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/logins.csv', 'format' = 'csv');
SELECT * FROM logins MATCH_RECOGNIZE (
  PARTITION BY user_id ORDER BY ts
  MEASURES S.ts AS first_ok, COUNT(F.status) AS failures, LAST(F.ts) AS last_failure, E.ts AS back_in
  AFTER MATCH SKIP TO NEXT ROW
  PATTERN (S F{2,}? E) WITHIN INTERVAL '2' MINUTE
  DEFINE S AS S.status = 'ok', F AS F.status = 'fail' OR COUNT(F.status) < 3, E AS E.status = 'ok');
