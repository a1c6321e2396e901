-- Joins of bounded inputs: INNER, LEFT, RIGHT, FULL, CROSS; equi-keys with residual conditions; self joins.

CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT);
CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR);
CREATE TABLE auctions (id BIGINT PRIMARY KEY, seller BIGINT, item VARCHAR);
INSERT INTO bids VALUES (1, 10, 100), (1, 11, 250), (2, 10, 50), (3, 12, 700), (4, NULL, 10);
INSERT INTO users VALUES (10, 'ann', 'Oslo'), (11, 'bo', 'Rome'), (13, 'cy', 'Oslo');
INSERT INTO auctions VALUES (1, 13, 'camera'), (2, 11, 'bicycle'), (3, 13, 'vase'), (5, 10, 'lamp');

SELECT b.auction, b.price, u.name FROM bids b JOIN users u ON u.id = b.bidder;
SELECT b.auction, b.price, u.name FROM bids b LEFT JOIN users u ON u.id = b.bidder;
SELECT b.auction, b.price, u.name FROM bids b RIGHT JOIN users u ON u.id = b.bidder;
SELECT b.auction, u.id, u.name FROM bids b FULL OUTER JOIN users u ON u.id = b.bidder;
-- An equi-join with a residual condition; the ON condition of an outer join keeps unmatched rows.
SELECT b.auction, b.price, u.name FROM bids b JOIN users u ON u.id = b.bidder AND b.price > 60;
SELECT b.auction, b.price, u.name FROM bids b LEFT JOIN users u ON u.id = b.bidder AND b.price > 60;
-- Three inputs; join keys and filters in WHERE.
SELECT a.item, s.name AS seller, u.name AS bidder, b.price
FROM bids b, auctions a, users u, users s
WHERE a.id = b.auction AND u.id = b.bidder AND s.id = a.seller;
-- Join and aggregate.
SELECT u.city, COUNT(*) AS bids, SUM(b.price) AS total FROM bids b JOIN users u ON u.id = b.bidder GROUP BY u.city;
-- A join on two keys, and a self join.
SELECT x.auction, x.bidder, x.price, y.price AS other FROM bids x JOIN bids y ON x.auction = y.auction AND x.bidder <> y.bidder;
SELECT a.auction, a.price FROM bids a JOIN bids b ON a.auction = b.auction AND a.bidder = b.bidder;
-- CROSS JOIN and a join without equality (nested loop).
SELECT u.name, a.item FROM users u CROSS JOIN auctions a WHERE u.city = 'Rome';
SELECT b.auction, b.price, a.item FROM bids b JOIN auctions a ON b.price > 600 AND a.id < 2;
-- USING: the named columns are the keys, and appear once (SELECT * over USING is not supported yet).
CREATE TABLE items (auction BIGINT PRIMARY KEY, item VARCHAR);
INSERT INTO items VALUES (1, 'camera'), (3, 'vase');
SELECT auction, price, item FROM bids JOIN items USING (auction);
SELECT * FROM bids JOIN items USING (auction);
SELECT auction, COUNT(*) AS n FROM bids JOIN items USING (auction) GROUP BY auction;
-- KNOWN BUG: a USING column is one column; unqualified in WHERE it should not be ambiguous (Calcite's scoping).
SELECT auction, price FROM bids JOIN items USING (auction) WHERE auction = 1;
SELECT auction, item, MAX(price) AS top FROM bids JOIN items USING (auction) GROUP BY auction, item;
-- KNOWN BUG: grouping by a USING column and ordering by it fails (Calcite's scoping); qualifying it works.
SELECT auction, item, MAX(price) AS top FROM bids JOIN items USING (auction) GROUP BY auction, item ORDER BY auction;
SELECT b.auction, item, MAX(price) AS top FROM bids b JOIN items USING (auction) GROUP BY b.auction, item
ORDER BY b.auction;
-- NATURAL JOIN would also join on the metadata columns every relation has.
SELECT * FROM users NATURAL JOIN auctions;
-- Errors.
SELECT id FROM users u JOIN auctions a ON u.id = a.seller;
SELECT b.auction FROM bids b JOIN users u ON u.idd = b.bidder;
