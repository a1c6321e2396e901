-- Flink's everyday functions: errors and corners that FunctionGoldenTest (rows printed by Flink 2.3) cannot hold.

-- ILIKE is LIKE ignoring case (Flink 2.3 has no ILIKE; PostgreSQL's meaning)
SELECT 'Hello' ILIKE 'h%' AS starts, 'Hello' ILIKE '%LL%' AS has_ll, 'Hello' NOT ILIKE 'x%' AS not_x, 'ÄB' ILIKE 'äb' AS unicode;

-- IF and IFNULL are CASE and COALESCE: branches widen to a common type
SELECT IF(1 > 2, 1, 2.5) AS widened, IFNULL(CAST(NULL AS INT), 7) AS fallback, IF(CAST(NULL AS BOOLEAN), 'yes', 'no') AS null_is_false;

-- text that is not base64 stops the query, as in Flink
SELECT FROM_BASE64('not base64!') AS bad;

-- FROM_UNIXTIME with a bad pattern stops the query, as in Flink; TO_TIMESTAMP with one gives NULL
SELECT FROM_UNIXTIME(0, 'bad pattern p') AS bad;
SELECT TO_TIMESTAMP('2024-01-01', 'bad pattern p') AS null_ts;

-- CONCAT takes strings only, as in Flink
SELECT CONCAT('a', 1) AS bad;

-- an unknown function still suggests the closest known one
SELECT LPADD('a', 3, 'x') AS bad;
SELECT CONCAT_WZ('-', 'a') AS bad;

-- REPEAT refuses a result too long to hold
SELECT REPEAT('ab', 2000000000) AS bad;

-- TIMESTAMPDIFF returns INT, as Flink: whole months by the calendar (Jan 31 to Feb 29 is one month)
SELECT TIMESTAMPDIFF(MONTH, TIMESTAMP '2024-01-31 00:00:00', TIMESTAMP '2024-02-29 00:00:00') AS one_month,
       TIMESTAMPDIFF(MONTH, TIMESTAMP '2024-01-31 00:00:01', TIMESTAMP '2024-02-29 00:00:00') AS no_month,
       TIMESTAMPDIFF(DAY, DATE '2024-03-01', DATE '2024-02-01') AS back;

-- TIMESTAMPADD of hours to a DATE is a TIMESTAMP (the date at midnight, then the hours), as in Flink
SELECT TIMESTAMPADD(HOUR, 25, DATE '2024-02-28') AS ts, TIMESTAMPADD(DAY, 1, DATE '2024-02-28') AS d;
