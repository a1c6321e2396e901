-- a regular GROUP BY (an updating result): FIRST_VALUE, LAST_VALUE, STDDEV_SAMP and VAR_POP per auction (the Runnel case: ../updating_first_last_stats.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT auction, COUNT(*) AS cnt, FIRST_VALUE(bidder) AS first_bidder, LAST_VALUE(bidder) AS last_bidder,
  STDDEV_SAMP(price) AS sd_samp, VAR_POP(price) AS variance_pop
FROM bids WHERE channel <> 'end' GROUP BY auction;
