-- a GROUP BY over an updating GROUP BY: VAR_POP, VAR_SAMP and STDDEV_POP take values back (Welford's update run backwards) when an auction's count changes. FIRST_VALUE, LAST_VALUE and LISTAGG are not here: over an updating input their order is the order changes arrive in, which Runnel's batches consolidate and Flink's per-row updates do not (the Runnel case: ../updating_nested_variance.sql). The variances are rounded to 2 digits: a retraction leaves a rounding error in DOUBLE that depends on how many updates ran, and Flink updates per row where Runnel consolidates a batch
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT cnt, COUNT(*) AS auctions, ROUND(VAR_POP(CAST(total AS DOUBLE)), 2) AS var_total, ROUND(VAR_SAMP(CAST(total AS DOUBLE)), 2) AS var_samp_total,
  ROUND(STDDEV_POP(CAST(auction AS DOUBLE)), 2) AS sd_auction
FROM (SELECT auction, COUNT(*) AS cnt, SUM(price) AS total FROM bids WHERE channel <> 'end' GROUP BY auction)
GROUP BY cnt;
