-- regular Top-N (no window): the 3 highest bids of each auction, with their rank; an updating result (the Runnel case: ../topn_regular_auction.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT * FROM (
  SELECT auction, bidder, price, date_time, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rownum
  FROM bids WHERE channel <> 'end')
WHERE rownum <= 3;
