-- CASE (searched and simple), COALESCE, NULLIF.

CREATE STREAM bids (auction BIGINT, price BIGINT, channel VARCHAR);
INSERT INTO bids VALUES (1, 100, 'web'), (2, 1500, 'app'), (3, 50, NULL), (4, NULL, ''), (5, 1000, 'web');

SELECT auction,
       CASE WHEN price >= 1000 THEN 'high' WHEN price >= 100 THEN 'mid' ELSE 'low' END AS band
FROM bids;
SELECT auction, CASE channel WHEN 'web' THEN 1 WHEN 'app' THEN 2 END AS code FROM bids;
SELECT auction, CASE WHEN price > 500 THEN price END AS big_price FROM bids;
SELECT auction, COALESCE(channel, 'unknown') AS ch, COALESCE(price, auction, -1) AS p FROM bids;
-- A bare NULL argument needs a type when COALESCE's first argument is NULL.
SELECT COALESCE(NULL, price) AS p FROM bids;
SELECT COALESCE(CAST(NULL AS BIGINT), price) AS p FROM bids WHERE auction = 1;
SELECT auction, NULLIF(channel, '') AS ch, NULLIF(price, 1000) AS p FROM bids;
SELECT auction, COALESCE(NULLIF(channel, ''), 'none') AS ch FROM bids;
-- Branches of different numeric types widen to a common type.
SELECT auction, CASE WHEN auction = 1 THEN 1 WHEN auction = 2 THEN 2.5 ELSE price END AS mixed FROM bids;
