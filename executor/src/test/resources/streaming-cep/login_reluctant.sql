-- an ok login, at least two more logins that are failures (or among the first two), then an ok one, within two minutes: F{2,}? reluctant, so E ends the match at the first ok it can take; SKIP TO NEXT ROW
-- expected rows: Flink SQL 2.3, flink/login_reluctant.sql
-- input: data/logins.csv
-- sentinel: (0, 'ok', TIMESTAMP '2026-02-01 00:00:00')
CREATE STREAM logins (user_id BIGINT, status VARCHAR, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT * FROM logins MATCH_RECOGNIZE (
  PARTITION BY user_id ORDER BY ts
  MEASURES S.ts AS first_ok, COUNT(F.status) AS failures, LAST(F.ts) AS last_failure, E.ts AS back_in
  AFTER MATCH SKIP TO NEXT ROW
  PATTERN (S F{2,}? E) WITHIN INTERVAL '2' MINUTE
  DEFINE S AS S.status = 'ok', F AS F.status = 'fail' OR COUNT(F.status) < 3, E AS E.status = 'ok');
