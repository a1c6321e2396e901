-- three failed logins of a user in a row within one minute (PATTERN (F{3}) WITHIN INTERVAL '1' MINUTE)
-- expected rows: Flink SQL 2.3, flink/login_failures.sql
-- input: data/logins.csv
-- sentinel: (0, 'ok', TIMESTAMP '2026-02-01 00:00:00')
CREATE STREAM logins (user_id BIGINT, status VARCHAR, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT * FROM logins MATCH_RECOGNIZE (
  PARTITION BY user_id ORDER BY ts
  MEASURES FIRST(F.ts) AS first_failure, LAST(F.ts) AS last_failure, COUNT(*) AS failures
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (F{3}) WITHIN INTERVAL '1' MINUTE
  DEFINE F AS F.status = 'fail');
