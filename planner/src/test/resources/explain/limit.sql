-- LIMIT alone is a Sort without keys
SELECT * FROM bids LIMIT 3
