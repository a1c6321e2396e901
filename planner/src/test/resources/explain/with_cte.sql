-- a WITH query is inlined
WITH expensive AS (SELECT auction, price FROM bids WHERE price > 1000)
SELECT auction, MAX(price) AS top FROM expensive GROUP BY auction
