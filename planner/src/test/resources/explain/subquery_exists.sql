-- correlated EXISTS becomes a join
SELECT id, item_name FROM auctions a
WHERE EXISTS (SELECT 1 FROM bids b WHERE b.auction = a.id AND b.price > a.reserve)
