-- window Top-N over HOP (slide 5 s, size 10 s) per channel: ranks 2 and 3 by price, rownum (the Runnel case: ../topn_hop_channel.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT window_start, window_end, channel, auction, bidder, price FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, channel ORDER BY price DESC, bidder) AS rownum
  FROM TABLE(HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '5' SECOND, INTERVAL '10' SECOND)))
WHERE rownum > 1 AND rownum < 4;
