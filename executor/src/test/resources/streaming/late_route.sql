-- runnel-only: late = 'route' has no Flink SQL equivalent; rows worked out by hand.
-- input: data/late_small.csv
-- TUMBLE 10 s per auction, watermark delay 1 s. [0,10) fires at 11.100 (watermark 10.100), so the rows
-- at 05.000, 02.000 and 08.000 are late: routed, unchanged, to bids_late. The window results are those of
-- the default policy (drop); the rows after them, marked 'then:', are what bids_late holds afterwards.
-- Every query routes the late rows it meets (history: lines): after the push run and the pull over the
-- history, bids_late holds each late row twice.
CREATE STREAM bids_late (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3)) WITH (partitions = 1);
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '1' SECOND)
  WITH (partitions = 1, late = 'route', late_target = 'bids_late');
SELECT window_start, window_end, auction, COUNT(*) AS cnt, SUM(price) AS total
FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, auction;
SELECT auction, bidder, price, channel, date_time FROM bids_late;
