-- FILTER (WHERE ...) on an aggregate, and HAVING
SELECT channel, SUM(price) FILTER (WHERE price > 100) AS big, COUNT(*) AS n
FROM bids
GROUP BY channel
HAVING COUNT(*) > 10
