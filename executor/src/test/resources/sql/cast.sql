-- CAST between types: what converts, how it rounds, and the data errors.

SELECT CAST('42' AS INT) AS i, CAST(' 42 ' AS BIGINT) AS b, CAST('2.5' AS DOUBLE) AS d, CAST('3.14159' AS DECIMAL(5, 2)) AS m;
-- To text: numbers as written, DECIMAL with its scale, BOOLEAN as TRUE/FALSE (as Flink does).
SELECT CAST(42 AS VARCHAR) AS s1, CAST(2.5E0 AS VARCHAR) AS s2, CAST(1.50 AS VARCHAR) AS s3, CAST(TRUE AS VARCHAR) AS s4;
-- Casting to a whole number truncates toward zero.
SELECT CAST(2.7E0 AS INT) AS trunc_pos, CAST(-2.7E0 AS INT) AS trunc_neg, CAST(2.5 AS BIGINT) AS dec_to_int;
-- Casting to a DECIMAL with fewer digits rounds half up (also for constants).
SELECT CAST(1.005 AS DECIMAL(4, 2)) AS half_up, CAST(-1.005 AS DECIMAL(4, 2)) AS half_up_neg, CAST(12 AS DECIMAL(6, 2)) AS widened, CAST(12.5 AS DOUBLE) AS dbl;
SELECT CAST('true' AS BOOLEAN) AS t, CAST('FALSE' AS BOOLEAN) AS f, CAST(1 AS BOOLEAN) AS from_one, CAST(0 AS BOOLEAN) AS from_zero;
SELECT CAST('2026-01-02 03:04:05' AS TIMESTAMP(3)) AS ts, CAST('2026-01-02' AS DATE) AS d,
       CAST(TIMESTAMP '2026-01-02 03:04:05.678' AS DATE) AS ts_to_date, CAST(DATE '2026-01-02' AS TIMESTAMP(3)) AS date_to_ts;
SELECT CAST(TIMESTAMP '2026-01-02 03:04:05.678' AS VARCHAR) AS ts_text, CAST(DATE '2026-01-02' AS VARCHAR) AS d_text;
SELECT CAST(NULL AS INT) AS null_int, CAST(NULL AS VARCHAR) AS null_text;
SELECT CAST(2147483647 AS BIGINT) + 1 AS widened;
-- Data errors: the query fails with SQLSTATE 22000 and names the value.
SELECT CAST('forty-two' AS INT) AS bad;
SELECT CAST('2026-13-01' AS DATE) AS bad;
SELECT CAST(10000000000 AS INT) AS bad;
SELECT CAST(123.45 AS DECIMAL(3, 1)) AS bad;
SELECT CAST('maybe' AS BOOLEAN) AS bad;
-- Not a valid conversion at all: a type error when the statement is planned.
SELECT CAST(DATE '2026-01-02' AS INT) AS bad;
