-- a regular GROUP BY in a push query: updating, and its state grows with the distinct keys, which
-- EXPLAIN warns about
SELECT STREAM channel, COUNT(*) AS n FROM bids GROUP BY channel
