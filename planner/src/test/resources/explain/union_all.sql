-- UNION ALL casts inputs to the union's types (INT category to BIGINT)
SELECT auction, price FROM bids
UNION ALL
SELECT id, category FROM auctions
