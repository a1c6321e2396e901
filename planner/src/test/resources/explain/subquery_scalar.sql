-- scalar subqueries: uncorrelated (one-row aggregate) and correlated (grouped, joined on the key)
SELECT a.id,
       (SELECT MAX(price) FROM bids) AS top_overall,
       (SELECT MAX(price) FROM bids b WHERE b.auction = a.id) AS top_here
FROM auctions a
