-- legacy GROUP BY SESSION gap 5 s with SESSION_START / SESSION_END, per auction (the Runnel case: ../legacy_session.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT auction, SESSION_START(date_time, INTERVAL '5' SECOND) AS s, SESSION_END(date_time, INTERVAL '5' SECOND) AS e,
  COUNT(*) AS cnt, SUM(price) AS total
FROM bids
GROUP BY SESSION(date_time, INTERVAL '5' SECOND), auction;
