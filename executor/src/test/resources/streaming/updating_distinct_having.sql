-- updating GROUP BY channel: COUNT DISTINCT, FILTER, and HAVING (a filter over a changelog)
-- expected rows: Flink SQL 2.3, flink/updating_distinct_having.sql (its changelog applied: the final rows)
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT channel, COUNT(DISTINCT bidder) AS bidders, COUNT(*) FILTER (WHERE price > 500) AS big, MAX(price) AS top
FROM bids GROUP BY channel HAVING COUNT(*) > 10;
