-- IN (subquery) becomes a join with the distinct keys
SELECT auction, price FROM bids WHERE auction IN (SELECT id FROM auctions WHERE category = 10)
