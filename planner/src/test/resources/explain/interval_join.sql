-- an interval join of two streams: keys, the time bounds, state bounded by the watermark
SELECT STREAM a.id, a.item_name, b.price, b.date_time FROM auctions a JOIN bids b
ON a.id = b.auction AND b.date_time BETWEEN a.date_time - INTERVAL '1' MINUTE AND a.date_time + INTERVAL '1' HOUR
