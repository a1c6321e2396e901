-- runnel-only: late = 'update' with allowed_lateness has no Flink SQL equivalent; rows worked out by hand.
-- input: data/late_small.csv
-- TUMBLE 10 s per auction, watermark delay 1 s, allowed lateness 20 s. Trace (watermark after each row):
--   01.000 (wm 00.000), 10.950 (09.950), 11.100 (10.100: [0,10) fires with 1 row, sum 10),
--   05.000 late, window still allowed: [0,10) becomes 2 rows, sum 15 (the emitted result is retracted),
--   13.000 (12.000), auction 2 at 25.000 (24.000: [10,20) fires: 3 rows, sum 90),
--   02.000 late, 24.000 < 09.999 + 20 s: [0,10) becomes 3 rows, sum 16,
--   35.000 (34.000: [20,30) fires: auction 2, 1 row, sum 7; [0,10) is now past its allowed lateness),
--   08.000 too late even for update: dropped. [30,40) fires at the end of the input: 1 row, sum 50.
-- A push query shows the changelog (op column): [0,10) as +I (1 row, sum 10), then -U/+U to (2, 15) and
-- -U/+U to (3, 16); applied, it gives the final rows below, which is what a pull query returns.
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '1' SECOND)
  WITH (partitions = 1, late = 'update', allowed_lateness = '20 s');
SELECT window_start, window_end, auction, COUNT(*) AS cnt, SUM(price) AS total
FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, auction;
