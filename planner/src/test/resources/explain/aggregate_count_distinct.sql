-- grouped aggregate with COUNT(*), COUNT(DISTINCT), MAX and AVG
SELECT auction, COUNT(*) AS bids, COUNT(DISTINCT bidder) AS bidders, MAX(price) AS top, AVG(price) AS mean
FROM bids
GROUP BY auction
