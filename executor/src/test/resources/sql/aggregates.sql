-- GROUP BY with COUNT, SUM, MIN, MAX, AVG; HAVING; aggregates without GROUP BY; NULLs in aggregates.

CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, amount DECIMAL(8, 2), score DOUBLE);
INSERT INTO bids VALUES
  (1, 10, 100,  'web', 1.10, 0.5),
  (1, 11, 300,  'app', 2.20, 1.5),
  (1, 10, 200,  'web', NULL, NULL),
  (2, 12, 1000, 'web', 10.00, 2.0),
  (2, 12, NULL, NULL,  5.55, 4.0),
  (3, 13, 7,    'app', 0.01, -1.0);

SELECT auction, COUNT(*) AS n, COUNT(price) AS priced, SUM(price) AS total, MIN(price) AS low, MAX(price) AS high
FROM bids GROUP BY auction;
-- AVG of a whole number column is a whole number (integer division), as in Calcite and Flink.
SELECT auction, AVG(price) AS avg_price, AVG(CAST(price AS DOUBLE)) AS avg_exact FROM bids GROUP BY auction;
SELECT auction, SUM(amount) AS total, AVG(amount) AS avg_amount, MIN(amount) AS low, MAX(amount) AS high
FROM bids GROUP BY auction;
SELECT auction, SUM(score) AS total, AVG(score) AS avg_score, MIN(score) AS low, MAX(score) AS high FROM bids GROUP BY auction;
SELECT channel, MIN(auction) AS first_auction, MAX(bidder) AS last_bidder FROM bids GROUP BY channel;
SELECT MIN(channel) AS first_channel, MAX(channel) AS last_channel FROM bids;
-- Without GROUP BY: one row, even over no rows.
SELECT COUNT(*) AS n, SUM(price) AS total, AVG(price) AS avg_price FROM bids;
SELECT COUNT(*) AS n, SUM(price) AS total, MAX(price) AS high FROM bids WHERE price < 0;
-- With GROUP BY over no rows: no rows.
SELECT auction, COUNT(*) AS n FROM bids WHERE price < 0 GROUP BY auction;
-- HAVING filters groups; aggregates may be used in expressions.
SELECT auction, SUM(price) AS total FROM bids GROUP BY auction HAVING SUM(price) > 100;
SELECT auction, MAX(price) - MIN(price) AS spread, COUNT(*) * 10 AS tens FROM bids GROUP BY auction HAVING COUNT(*) > 1;
-- Group by several columns and by an expression.
SELECT auction, channel, COUNT(*) AS n FROM bids GROUP BY auction, channel;
SELECT price > 150 AS expensive, COUNT(*) AS n FROM bids GROUP BY price > 150;
SELECT UPPER(channel) AS ch, SUM(price) AS total FROM bids GROUP BY UPPER(channel);
-- Errors.
SELECT auction, price FROM bids GROUP BY auction;
SELECT SUM(channel) FROM bids;
