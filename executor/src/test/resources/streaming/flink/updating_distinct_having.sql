-- updating GROUP BY channel: COUNT DISTINCT, FILTER, and HAVING (a filter over a changelog) (the Runnel case: ../updating_distinct_having.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT channel, COUNT(DISTINCT bidder) AS bidders, COUNT(*) FILTER (WHERE price > 500) AS big, MAX(price) AS top
FROM bids GROUP BY channel HAVING COUNT(*) > 10;
