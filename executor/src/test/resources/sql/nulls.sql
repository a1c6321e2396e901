-- NULL semantics: three-valued logic, NULL in arithmetic and functions, IS [NOT] NULL, IS [NOT] DISTINCT FROM,
-- NULL in comparisons, grouping, ordering, DISTINCT, joins and aggregates.

CREATE STREAM t (id INT, a INT, b BOOLEAN, s VARCHAR);
INSERT INTO t VALUES (1, 1, TRUE, 'x'), (2, NULL, FALSE, NULL), (3, 3, NULL, 'y'), (4, NULL, NULL, NULL);

-- AND / OR / NOT with NULL (unknown).
SELECT b1, b2, b1 AND b2 AS and_, b1 OR b2 AS or_, NOT b1 AS not_b1 FROM (VALUES
  (TRUE, CAST(NULL AS BOOLEAN)), (FALSE, CAST(NULL AS BOOLEAN)), (CAST(NULL AS BOOLEAN), CAST(NULL AS BOOLEAN))) AS v (b1, b2);
SELECT id, b IS TRUE AS is_true, b IS NOT TRUE AS is_not_true, b IS FALSE AS is_false, b IS NOT FALSE AS is_not_false,
       b IS NULL AS is_null, b IS NOT NULL AS is_not_null
FROM t;
-- Arithmetic, comparison and functions give NULL for a NULL operand.
SELECT id, a + 1 AS plus, a = 1 AS eq, a <> 1 AS ne, UPPER(s) AS up, s || '!' AS bang, CHAR_LENGTH(s) AS len FROM t;
-- WHERE keeps only rows where the condition is TRUE.
SELECT id FROM t WHERE a = 1 OR a <> 1;
SELECT id FROM t WHERE NOT (a = 1);
SELECT id FROM t WHERE a IS NULL;
SELECT id FROM t WHERE a = NULL;
SELECT id FROM t WHERE a IS NOT DISTINCT FROM NULL;
SELECT id FROM t WHERE a IN (1, NULL);
SELECT id FROM t WHERE a NOT IN (1, NULL);
-- GROUP BY and DISTINCT put all NULLs in one group.
SELECT a, COUNT(*) AS n FROM t GROUP BY a;
SELECT DISTINCT s FROM t;
-- Aggregates skip NULLs; COUNT(*) counts rows.
SELECT COUNT(*) AS n, COUNT(a) AS n_a, SUM(a) AS sum_a, AVG(a) AS avg_a, MIN(s) AS min_s, MAX(s) AS max_s FROM t;
-- ORDER BY: NULLs sort as smaller than any value, as in Flink (first ascending, last descending) unless NULLS FIRST/LAST says.
SELECT id, a FROM t ORDER BY a, id;
SELECT id, a FROM t ORDER BY a DESC, id;
-- Join keys never match NULL.
SELECT x.id, y.id AS other FROM t x JOIN t y ON x.a = y.a;
-- CASE, COALESCE, NULLIF.
SELECT id, CASE WHEN b THEN 'yes' WHEN NOT b THEN 'no' ELSE 'unknown' END AS answer, COALESCE(a, -1) AS a0,
       NULLIF(a, 3) AS not3
FROM t;
-- A bare NULL literal.
SELECT NULL AS nothing;
SELECT CAST(NULL AS INT) + 1 AS still_null;
