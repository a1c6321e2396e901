-- outer join; names shared by both sides are told apart by position in residuals
SELECT a.id, a.date_time, b.date_time AS bid_time
FROM auctions a LEFT JOIN bids b ON a.id = b.auction AND b.date_time < a.expires
