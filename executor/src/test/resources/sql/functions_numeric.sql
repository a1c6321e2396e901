-- Arithmetic, comparison and numeric functions, per type.

CREATE STREAM nums (i INT, b BIGINT, d DOUBLE, m DECIMAL(10, 2));
INSERT INTO nums VALUES
  (7, 10000000000, 2.5, 12.34),
  (-3, -5, -0.5, -1.05),
  (0, 0, 0.0, 0.00),
  (NULL, NULL, NULL, NULL);

SELECT i, i + 1 AS plus, i - 10 AS less_ten, i * 3 AS times, i / 2 AS div, MOD(i, 4) AS modulo, -i AS neg FROM nums;
SELECT b, b * 2 AS twice, b + i AS mixed FROM nums;
SELECT d, d * 2 AS twice, d / 4 AS quarter, d + i AS mixed FROM nums;
SELECT m, m + 1 AS plus, m * 2 AS times, m / 4 AS div, m + d AS with_double FROM nums;
SELECT i, ABS(i) AS a, d, ABS(d) AS ad, m, ABS(m) AS am FROM nums;
-- FLOOR and CEIL of a DOUBLE follow IEEE 754 (CEIL(-0.5) is -0.0).
SELECT d, FLOOR(d) AS f, CEIL(d) AS c, m, FLOOR(m) AS fm, CEIL(m) AS cm FROM nums;
SELECT ROUND(2.345, 2) AS r1, ROUND(2.5, 0) AS r2, ROUND(-2.5, 0) AS r3, ROUND(1234.5, -2) AS r4, ROUND(7.0E0 / 3, 3) AS r5;
SELECT POWER(2, 10) AS p, SQRT(16) AS s, LN(EXP(1)) AS ln_e, LOG10(1000) AS three, EXP(0) AS e0;
SELECT 7 / 2 AS int_div, MOD(7, 3) AS int_mod, MOD(-7, 3) AS neg_mod, 7.0 / 2 AS dec_div, CAST(7 AS DOUBLE) / 2 AS dbl_div;
SELECT i, i = 7 AS eq, i <> 7 AS ne, i < 0 AS lt, i <= 0 AS le, i > 0 AS gt, i >= 0 AS ge FROM nums;
SELECT i, i IS DISTINCT FROM 0 AS dist, i IS NOT DISTINCT FROM NULL AS same_as_null FROM nums;
SELECT 0.1 + 0.2 AS dec_sum, 0.1E0 + 0.2E0 AS dbl_sum, 1.50 * 2 AS keeps_scale;
-- Division by zero is a data error for whole numbers and decimals.
SELECT i / 0 AS boom FROM nums WHERE i = 7;
SELECT m / 0 AS boom FROM nums WHERE i = 7;
SELECT d / 0 AS inf FROM nums WHERE i = 7;
-- Overflow of BIGINT arithmetic.
SELECT b * b AS huge FROM nums WHERE i = 7;
