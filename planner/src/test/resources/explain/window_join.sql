-- a window join of two window table functions on both window bounds and a key
SELECT STREAM L.id, R.price, L.window_start, L.window_end
FROM (SELECT * FROM TABLE(TUMBLE(TABLE auctions, DESCRIPTOR(date_time), INTERVAL '1' MINUTE))) L
LEFT JOIN (SELECT * FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '1' MINUTE))) R
ON L.id = R.auction AND L.window_start = R.window_start AND L.window_end = R.window_end
