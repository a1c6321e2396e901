-- a FULL interval join with strict bounds (moved by 1 ms) and a residual condition
SELECT STREAM a.id, b.price FROM auctions a FULL JOIN bids b
ON a.id = b.auction AND b.price > a.reserve AND a.date_time > b.date_time - INTERVAL '10' SECOND AND a.date_time < b.date_time
