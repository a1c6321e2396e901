-- legacy GROUP BY SESSION gap 5 s with SESSION_START / SESSION_END, per auction
-- expected rows: Flink SQL 2.3, flink/legacy_session.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT auction, SESSION_START(date_time, INTERVAL '5' SECOND) AS s, SESSION_END(date_time, INTERVAL '5' SECOND) AS e,
  COUNT(*) AS cnt, SUM(price) AS total
FROM bids
GROUP BY SESSION(date_time, INTERVAL '5' SECOND), auction;
