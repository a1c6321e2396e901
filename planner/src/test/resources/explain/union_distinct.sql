-- UNION is UNION ALL then a grouping on every column
SELECT auction FROM bids UNION SELECT id FROM auctions
