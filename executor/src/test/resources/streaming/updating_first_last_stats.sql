-- a regular GROUP BY (an updating result): FIRST_VALUE, LAST_VALUE, STDDEV_SAMP and VAR_POP per auction
-- expected rows: Flink SQL 2.3, flink/updating_first_last_stats.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT auction, COUNT(*) AS cnt, FIRST_VALUE(bidder) AS first_bidder, LAST_VALUE(bidder) AS last_bidder,
  STDDEV_SAMP(price) AS sd_samp, VAR_POP(price) AS variance_pop
FROM bids WHERE channel <> 'end' GROUP BY auction;
