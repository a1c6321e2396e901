-- Date and time: literals, EXTRACT, FLOOR/CEIL to a unit, DATE_FORMAT, interval arithmetic.

CREATE STREAM events (id INT, ts TIMESTAMP(3), d DATE);
INSERT INTO events VALUES
  (1, TIMESTAMP '2026-03-14 15:09:26.535', DATE '2026-03-14'),
  (2, TIMESTAMP '2024-02-29 23:59:59.999', DATE '2024-02-29'),
  (3, TIMESTAMP '1969-12-31 23:59:59.000', DATE '1970-01-01'),
  (4, NULL, NULL);

SELECT id, ts, d FROM events;
SELECT id, EXTRACT(YEAR FROM ts) AS y, EXTRACT(QUARTER FROM ts) AS q, EXTRACT(MONTH FROM ts) AS mo,
       EXTRACT(DAY FROM ts) AS dd, EXTRACT(HOUR FROM ts) AS h, EXTRACT(MINUTE FROM ts) AS mi,
       EXTRACT(SECOND FROM ts) AS s
FROM events;
-- DOW: 1 = Sunday to 7 = Saturday; WEEK: the ISO week; MILLISECOND includes the seconds (as PostgreSQL; Flink
-- gives 535 for id 1); EPOCH: whole seconds. Flink agrees on DOW, WEEK, DOY, EPOCH, FLOOR/CEIL to a unit,
-- DATE_FORMAT and month arithmetic (checked with the oracle on samples of these rows).
SELECT id, EXTRACT(DOW FROM ts) AS dow, EXTRACT(DOY FROM ts) AS doy, EXTRACT(WEEK FROM ts) AS wk,
       EXTRACT(MILLISECOND FROM ts) AS ms, EXTRACT(EPOCH FROM ts) AS epoch
FROM events;
SELECT id, EXTRACT(YEAR FROM d) AS y, EXTRACT(MONTH FROM d) AS mo, EXTRACT(DAY FROM d) AS dd FROM events;
SELECT id, FLOOR(ts TO HOUR) AS fh, CEIL(ts TO HOUR) AS ch, FLOOR(ts TO DAY) AS fd, FLOOR(ts TO MONTH) AS fm,
       FLOOR(ts TO MINUTE) AS fmin, CEIL(ts TO SECOND) AS cs
FROM events;
-- Weeks start on Sunday.
SELECT id, FLOOR(ts TO WEEK) AS fw, FLOOR(ts TO YEAR) AS fy, CEIL(ts TO YEAR) AS cy FROM events;
SELECT id, DATE_FORMAT(ts, 'yyyy/MM/dd HH:mm') AS f1, DATE_FORMAT(ts, 'EEE d MMM yyyy') AS f2, DATE_FORMAT(d, 'dd.MM.yy') AS f3
FROM events;
SELECT id, ts + INTERVAL '1' DAY AS next_day, ts - INTERVAL '90' MINUTE AS earlier,
       ts + INTERVAL '1' MONTH AS next_month, d + INTERVAL '1' YEAR AS next_year
FROM events;
SELECT id, ts + INTERVAL '1 02:03:04.005' DAY TO SECOND AS later, d - INTERVAL '2-03' YEAR TO MONTH AS before_
FROM events;
SELECT id FROM events WHERE ts >= TIMESTAMP '2026-01-01 00:00:00' AND ts < TIMESTAMP '2027-01-01 00:00:00';
SELECT id FROM events WHERE d = DATE '2024-02-29';
SELECT INTERVAL '4' SECOND AS four_s, INTERVAL '1' HOUR * 2 AS two_h, INTERVAL '1-6' YEAR TO MONTH AS ym;
-- The engine's clock stands still in these tests (2026-01-02 03:04:05.678 UTC).
SELECT CURRENT_TIMESTAMP AS now_, LOCALTIMESTAMP AS local_now;
