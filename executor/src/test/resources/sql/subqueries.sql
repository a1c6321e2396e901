-- Subqueries: IN / NOT IN, EXISTS / NOT EXISTS, scalar (also correlated), and in FROM.

CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT);
CREATE TABLE auctions (id BIGINT PRIMARY KEY, seller VARCHAR, reserve BIGINT);
INSERT INTO bids VALUES (1, 10, 100), (1, 11, 250), (2, 10, 50), (3, 12, 700), (4, NULL, 10);
INSERT INTO auctions VALUES (1, 'ann', 200), (2, 'bo', 100), (3, 'cy', NULL), (5, 'di', 0);

SELECT auction, price FROM bids WHERE auction IN (SELECT id FROM auctions WHERE seller <> 'cy');
SELECT auction, price FROM bids WHERE auction NOT IN (SELECT id FROM auctions);
SELECT id, seller FROM auctions a WHERE EXISTS (SELECT 1 FROM bids b WHERE b.auction = a.id AND b.price > 200);
SELECT id, seller FROM auctions a WHERE NOT EXISTS (SELECT 1 FROM bids b WHERE b.auction = a.id);
-- Scalar subqueries: uncorrelated and correlated; no row gives NULL.
SELECT auction, price, (SELECT MAX(price) FROM bids) AS top FROM bids WHERE auction < 3;
SELECT a.seller, (SELECT MAX(b.price) FROM bids b WHERE b.auction = a.id) AS best FROM auctions a;
SELECT a.seller, (SELECT COUNT(*) FROM bids b WHERE b.auction = a.id) AS n FROM auctions a;
SELECT auction, price FROM bids WHERE price > (SELECT AVG(price) FROM bids);
-- Bids at or above their auction's reserve.
SELECT b.auction, b.price FROM bids b
WHERE b.price >= (SELECT a.reserve FROM auctions a WHERE a.id = b.auction);
-- IN with a NULL in the subquery: NOT IN is never true then.
SELECT id FROM auctions WHERE id NOT IN (SELECT bidder FROM bids);
SELECT id FROM auctions WHERE id IN (SELECT auction FROM bids) AND reserve IS NOT NULL;
-- WITH (common table expressions).
WITH top_bids AS (SELECT auction, MAX(price) AS best FROM bids GROUP BY auction)
SELECT a.seller, t.best FROM top_bids t JOIN auctions a ON a.id = t.auction;
-- A scalar subquery that returns more than one row fails when it runs.
SELECT (SELECT price FROM bids WHERE auction = 1) AS p FROM auctions;
