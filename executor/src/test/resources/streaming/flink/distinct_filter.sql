-- TUMBLE 30 s per channel: COUNT DISTINCT and FILTER clauses (the Runnel case: ../distinct_filter.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT window_start, window_end, channel, COUNT(DISTINCT bidder) AS bidders, COUNT(DISTINCT auction) AS auctions,
  COUNT(*) FILTER (WHERE price > 500) AS big, SUM(price) FILTER (WHERE auction <= 8) AS hot_total
FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '30' SECOND))
GROUP BY window_start, window_end, channel;
