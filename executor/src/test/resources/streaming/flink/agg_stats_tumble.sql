-- TUMBLE 10 s per channel: STDDEV_POP, STDDEV_SAMP, VAR_POP, VAR_SAMP (planned as Welford's M2 and COUNT, as Flink does; BIGINT in, BIGINT out) and STDDEV of a DOUBLE (the Runnel case: ../agg_stats_tumble.sql). DOUBLE results are rounded: its last bits depend on the order Welford's updates run in, which Flink's window buffer does not keep
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT window_start, window_end, channel, COUNT(*) AS cnt, STDDEV_POP(price) AS sd_pop, STDDEV_SAMP(price) AS sd_samp,
  ROUND(VAR_POP(CAST(price AS DOUBLE)), 4) AS variance_pop, ROUND(VAR_SAMP(CAST(price AS DOUBLE)), 4) AS variance_samp, ROUND(STDDEV(CAST(price AS DOUBLE)), 6) AS sd_double, VARIANCE(bidder) AS var_bidder
FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, channel;
