-- TUMBLE 10 s per channel: FIRST_VALUE, LAST_VALUE and LISTAGG in arrival order (the Runnel case: ../agg_first_last_tumble.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
SELECT window_start, window_end, channel, FIRST_VALUE(price) AS first_price, LAST_VALUE(bidder) AS last_bidder,
  LISTAGG(CAST(auction AS STRING), ';') AS auctions
FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, channel;
