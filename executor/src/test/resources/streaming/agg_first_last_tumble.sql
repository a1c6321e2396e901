-- TUMBLE 10 s per channel: FIRST_VALUE, LAST_VALUE and LISTAGG in arrival order
-- expected rows: Flink SQL 2.3, flink/agg_first_last_tumble.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (partitions = 1);
SELECT window_start, window_end, channel, FIRST_VALUE(price) AS first_price, LAST_VALUE(bidder) AS last_bidder,
  LISTAGG(CAST(auction AS VARCHAR), ';') AS auctions
FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, channel;
