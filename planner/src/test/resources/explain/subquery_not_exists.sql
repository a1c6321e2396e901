-- NOT EXISTS is a left join keeping rows without a match
SELECT id FROM auctions a WHERE NOT EXISTS (SELECT 1 FROM bids b WHERE b.auction = a.id)
