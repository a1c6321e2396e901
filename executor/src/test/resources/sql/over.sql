-- OVER aggregates on a stream (see docs/sql.md, OVER aggregates): values per row, released by the watermark.
CREATE STREAM trades (sym VARCHAR, qty INT, px DOUBLE, amt DECIMAL(10, 2), venue VARCHAR, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (partitions = 1, late = 'route', late_target = 'trades_late');
CREATE STREAM trades_late (sym VARCHAR, qty INT, px DOUBLE, amt DECIMAL(10, 2), venue VARCHAR, ts TIMESTAMP(3))
  WITH (partitions = 1);
INSERT INTO trades VALUES
  ('A', 1, 1.5, 10.25, 'x', TIMESTAMP '2026-01-01 00:00:01'),
  ('A', 2, 2.5, 20.50, 'y', TIMESTAMP '2026-01-01 00:00:02'),
  ('B', 3, NULL, NULL, NULL, TIMESTAMP '2026-01-01 00:00:02'),
  ('A', 4, 0.5, 1.00, 'a', TIMESTAMP '2026-01-01 00:00:05'),
  ('A', 5, 9.0, 3.10, 'z', TIMESTAMP '2026-01-01 00:00:01.500'),
  ('B', 6, 4.0, 6.60, 'b', TIMESTAMP '2026-01-01 00:00:06');

-- SUM OVER keeps INT and DOUBLE (as Flink does), DECIMAL sums widen to 38 digits; MIN/MAX of strings skip NULLs.
-- The row at 1.5 s arrived when the watermark was 4 s: late, routed to trades_late.
SELECT sym, ts, SUM(qty) OVER w AS qty_sum, SUM(px) OVER w AS px_sum, SUM(amt) OVER w AS amt_sum,
  AVG(amt) OVER w AS amt_avg, MIN(venue) OVER w AS first_venue, MAX(venue) OVER w AS last_venue,
  COUNT(venue) OVER w AS venues
FROM trades WINDOW w AS (PARTITION BY sym ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);

SELECT sym, qty, ts FROM trades_late;

-- A 2-second RANGE frame without a partition: one running window over the whole stream.
SELECT sym, qty, ts, SUM(qty) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '2' SECOND PRECEDING AND CURRENT ROW) AS recent
FROM trades;

-- Computed arguments and keys are computed below the operator.
SELECT sym, ts, MAX(qty * 10 + 1) OVER (PARTITION BY UPPER(venue) ORDER BY ts) AS m FROM trades WHERE venue IS NOT NULL;

EXPLAIN SELECT sym, LAG(venue, 1, 'none') OVER (PARTITION BY sym ORDER BY ts) AS prev_venue FROM trades;

SELECT sym, LAG(venue, 1, 'none') OVER (PARTITION BY sym ORDER BY ts) AS prev_venue, venue FROM trades;

-- late = 'update' re-emits corrected results, which an append-only OVER result cannot: refused.
CREATE STREAM ticks (sym VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
  WITH (late = 'update', allowed_lateness = '1 minute');
SELECT sym, COUNT(*) OVER (PARTITION BY sym ORDER BY ts) FROM ticks;
